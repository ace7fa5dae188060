/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recovery-sheet"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "tonic-recovery-sheet.h"

/* The PDF holds the practice, the key and the instructions as real text
 * (pdftotext reads them back), and only its owner may read the file. */
static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tonic-sheet-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 11, 22, 9, 30, 0);
  const char *key = "7KQ2-M9XD-AB3C-DEFG-HJ4K-MNPQ-RS5T";
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", pdf, "-", NULL };
  int status;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (tonic_recovery_sheet_write_pdf (pdf, "Łódź Ketamine Clinic", key, date, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  g_test_message ("pdftotext read:\n%s", text);
  g_assert_nonnull (strstr (text, "Tonic Recovery Sheet"));
  g_assert_nonnull (strstr (text, "Łódź Ketamine Clinic"));
  g_assert_nonnull (strstr (text, key));
  g_assert_nonnull (strstr (text, "22 November 2026"));
  g_assert_nonnull (strstr (text, "Unlock the Practice"));
  g_assert_nonnull (strstr (text, "locked place"));

  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();

  g_assert_false (tonic_recovery_sheet_write_pdf ("/nonexistent-dir/sheet.pdf", "P",
                                                  "ABCD", date, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery-sheet/pdf", test_pdf);
  g_test_add_func ("/recovery-sheet/unwritable", test_unwritable);

  return g_test_run ();
}
