"""Use cases shared by the window and the command line; no Qt, no SQL.

Sub-packages by who uses them: ``common`` (both levels: opening a workspace, keys, errors,
inputs, files, the writer lock), ``cycle`` (the grassroots yearly cycle), ``upper`` (the upper
level: register, intake, feedback), ``inbox`` (packages arriving at either level) and ``views``
(what the screens and reports show). ``selftest`` checks an installation end to end.
"""
