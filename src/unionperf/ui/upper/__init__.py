"""The upper level's window: its own navigator of six pages (product.md §3, issue 14).

Opened on an upper-level workspace (its profile's level is 上级工会), the application shows
:class:`~unionperf.ui.upper.window.UpperWindow` instead of the grassroots six steps: 下级单位,
接收, 报送情况, 审核, 汇总 and 参数下发, one package per page (like ``ui/steps/<step>/``).
"""
