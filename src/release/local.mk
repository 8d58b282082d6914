## src/release/local.mk - this module's sources and tests (see HACKING).
