/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <sys/prctl.h>

#include "tonic-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TonicApplication) app = NULL;

  /* Patient data must never end up in a core dump. */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tonic_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
