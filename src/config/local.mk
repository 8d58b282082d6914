## src/config/local.mk - this module's sources and tests (see HACKING).
