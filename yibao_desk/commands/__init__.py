"""The `yibao-desk` sub-commands, one module per area. Each module has `register(subparsers)`."""
