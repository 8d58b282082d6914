/* i18n.h - gettext shorthands used by every user-facing string.
 *
 * _() translates now, N_() marks a string in a static table for later
 * translation, P_() picks a plural form.  Nothing else in liftoff calls
 * gettext directly. */
#ifndef LO_I18N_H
#define LO_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(singular, plural, n) ngettext((singular), (plural), (n))

#endif
