## ui/local.mk - the ncurses front end and the liftoff program.

liftoff_SOURCES = \
	%D%/main.c %D%/ui.h \
	%D%/tui.c \
	%D%/theme.c %D%/theme.h
liftoff_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ui $(NCURSES_CFLAGS)
liftoff_LDADD = $(LO_CORE_LIBS) $(NCURSES_LIBS)
