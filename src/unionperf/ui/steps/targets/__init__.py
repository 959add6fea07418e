"""Step 3, performance targets: its page, the owner list, the indicator tree and its dialogs."""
