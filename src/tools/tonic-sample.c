/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sample"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "tonic-sample-lib.h"

/* tonic-sample: makes the sample practice (TESTING.md, "Evidence harness").
 *
 *   tonic-sample [--patients N] [--seed S] [--days-back D] [--days-ahead D]
 *                [--no-keyring] DATA_DIR
 *
 * then `tonic --data-dir DATA_DIR` opens it. */

static gboolean progress_is_tty;

/* @line, over the last one on a terminal. */
static void
print_progress (const char *line,
                gboolean    last)
{
  g_printerr ("%s%s", progress_is_tty ? "\r" : "", line);
  if (!progress_is_tty || last)
    g_printerr ("\n");
}

static double
seconds_since (gpointer started)
{
  return (g_get_monotonic_time () - *(gint64 *) started) / (double) G_USEC_PER_SEC;
}

static void
on_progress (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  g_autofree char *line = NULL;

  /* TRANSLATORS: progress of the sample generator: patients saved, of all, and seconds so far */
  line = g_strdup_printf (_("Patients: %u of %u (%.1f s)"), n_done, n_total,
                          seconds_since (user_data));
  print_progress (line, n_done == n_total);
}

static void
on_course_progress (guint    n_done,
                    guint    n_total,
                    gpointer user_data)
{
  g_autofree char *line = NULL;

  /* Every tenth on a terminal that does not redraw: a line each. */
  if (!progress_is_tty && n_done % 10 != 0 && n_done != n_total)
    return;

  /* TRANSLATORS: progress of the sample generator: courses of treatment (plans and sessions)
   * written, of all, and seconds so far */
  line = g_strdup_printf (_("Courses of treatment: %u of %u (%.1f s)"), n_done, n_total,
                          seconds_since (user_data));
  print_progress (line, n_done == n_total);
}

static gboolean
parse_uint (const char  *text,
            guint64      max,
            guint64     *out,
            const char  *option,
            GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* TRANSLATORS: an option's name and its largest value */
                   _("%s takes a whole number from 0 to %" G_GUINT64_FORMAT), option, max);
      return FALSE;
    }

  return TRUE;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *patients = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *days_back = NULL;
  g_autofree char *days_ahead = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean no_keyring = FALSE;
  gboolean quiet = FALSE;
  TonicSampleOptions options;
  TonicSampleSummary summary = { 0 };
  const TonicSampleStaff *staff;
  gint64 started = g_get_monotonic_time ();
  guint64 value;
  guint n_staff;
  GOptionEntry entries[] = {
    { "patients", 'n', 0, G_OPTION_ARG_STRING, &patients,
      N_("How many patients (1 to 100000; default 2000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed,
      N_("The seed: the same seed makes the same practice (default 1)"), N_("S") },
    { "days-back", 0, 0, G_OPTION_ARG_STRING, &days_back,
      N_("Appointments on this many days before today (default 28)"), N_("D") },
    { "days-ahead", 0, 0, G_OPTION_ARG_STRING, &days_ahead,
      N_("Appointments on this many days after today (default 28)"), N_("D") },
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &no_keyring,
      N_("Do not store the key in the login keyring"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("DATA_DIR") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tonic_sample_options_init (&options);

  context = g_option_context_new (NULL);
  summary_text = g_strdup_printf (_("Makes the sample practice “%s” in DATA_DIR, for trying "
                                   "Tonic out: open it with “tonic --data-dir DATA_DIR”."),
                                 TONIC_SAMPLE_PRACTICE_NAME);
  g_option_context_set_summary (context, summary_text);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;

  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give one DATA_DIR"));
      goto fail;
    }

  if (patients != NULL)
    {
      if (!parse_uint (patients, TONIC_SAMPLE_MAX_PATIENTS, &value, "--patients", &error))
        goto fail;
      options.n_patients = (guint) value;
    }
  if (seed != NULL)
    {
      if (!parse_uint (seed, G_MAXUINT32, &value, "--seed", &error))
        goto fail;
      options.seed = (guint32) value;
    }
  if (days_back != NULL)
    {
      if (!parse_uint (days_back, 366, &value, "--days-back", &error))
        goto fail;
      options.days_back = (guint) value;
    }
  if (days_ahead != NULL)
    {
      if (!parse_uint (days_ahead, 366, &value, "--days-ahead", &error))
        goto fail;
      options.days_ahead = (guint) value;
    }
  options.use_keyring = !no_keyring;

  progress_is_tty = isatty (STDERR_FILENO);
  if (!quiet)
    {
      options.progress = on_progress;
      options.course_progress = on_course_progress;
      options.progress_data = &started;
    }

  if (!tonic_sample_generate_full (rest[0], &options, &summary, &error))
    goto fail;

  if (!quiet)
    {
      g_print (_("Made “%s” in %s\n"), TONIC_SAMPLE_PRACTICE_NAME, summary.practice_dir);
      g_print (_("  Patients: %u (%u archived), seed %u\n"), summary.n_patients, summary.n_archived,
               options.seed);
      g_print (_("  Appointments: %u (%u today)\n"), summary.n_appointments, summary.n_today);
      g_print (_("  Courses of treatment: %u, with %u plan versions and %u sessions\n"),
               summary.n_courses, summary.n_plans, summary.n_sessions);
      g_print (_("  Time: %.1f s (patients and appointments %.1f s, plans and sessions %.1f s), "
                 "peak memory %ld MiB\n"),
               summary.seconds, summary.import_seconds, summary.clinical_seconds,
               peak_rss_kib () / 1024);
      g_print (_("  Sign in as “%s” with the password “%s”; the other staff have the same "
                 "password:\n"), TONIC_SAMPLE_ADMIN_USERNAME, TONIC_SAMPLE_PASSWORD);
      staff = tonic_sample_get_staff (&n_staff);
      for (guint i = 0; i < n_staff; i++)
        g_print ("    %-10s %s (%s)\n", staff[i].username, staff[i].display_name,
                 tonic_role_get_label (staff[i].role));
      if (summary.in_keyring)
        g_print (_("  The key is in the login keyring.\n"));
      else
        g_print (_("  The key is not in a keyring: Tonic asks to unlock with a staff password.\n"));
      g_print (_("  Recovery key (sample only): %s\n"), summary.recovery_key);
    }

  tonic_sample_summary_clear (&summary);
  return EXIT_SUCCESS;

fail:
  g_printerr ("tonic-sample: %s\n", error->message);
  return EXIT_FAILURE;
}
