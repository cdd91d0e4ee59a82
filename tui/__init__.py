"""The terminal UI: a Textual app that talks to the branch server over HTTP."""
