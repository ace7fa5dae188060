/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-application.h"
#include "tonic-practice-dir.h"
#include "tonic-window-private.h"

G_BEGIN_DECLS

/* Helpers for tests that drive real windows the way a person would. */

/* Sets up GTK, libadwaita and Tonic's resources for a test program. */
void              tonic_test_ui_init          (int          *argc,
                                               char       ***argv);
/* The process's registered application, now keeping practices in
 * @data_dir. */
TonicApplication *tonic_test_ui_app_get       (const char   *data_dir);
/* Iterates the main loop until the window shows @page (or fails the test
 * after a generous timeout). */
void              tonic_test_ui_wait_for_page (TonicWindow  *window,
                                               const char   *page);
/* Iterates until @stack shows its child named @page. */
void              tonic_test_ui_wait_for_stack (GtkStack    *stack,
                                                const char  *page);
/* Iterates until @condition (checked after each iteration) holds. */
void              tonic_test_ui_wait_until    (gboolean    (*condition) (gpointer),
                                               gpointer      data,
                                               const char   *what);
/* Runs the main loop for about @ms milliseconds. */
void              tonic_test_ui_spin          (guint         ms);
/* A template child of @widget (a composite widget of type @type). */
gpointer          tonic_test_ui_child         (gpointer      widget,
                                               GType         type,
                                               const char   *name);
void              tonic_test_ui_type          (gpointer      editable,
                                               const char   *text);
void              tonic_test_ui_click         (gpointer      button);
/* Waits until @button is on screen, then clicks it. */
void              tonic_test_ui_click_when_mapped (gpointer button);
/* Whether @widget is mapped (a condition for tonic_test_ui_wait_until()). */
gboolean          tonic_test_ui_widget_is_mapped (gpointer widget);
/* Whether @label is visible and says something (also a condition for
 * tonic_test_ui_wait_until()). */
gboolean          tonic_test_ui_label_shown   (gpointer      label);
/* The first descendant of @widget (itself included) of @type whose text
 * holds @needle (any, with NULL): labels and buttons. */
GtkWidget        *tonic_test_ui_find_widget   (GtkWidget    *widget,
                                               GType         type,
                                               const char   *needle);
/* Iterates until a label under @root holds @text. */
void              tonic_test_ui_wait_for_toast (GtkWidget   *root,
                                                const char  *text);
/* Iterates until tonic_test_ui_widgets_contain (@root, @needle) holds. */
void              tonic_test_ui_wait_for_text (GtkWidget    *root,
                                               const char   *needle);
/* The whole window rendered to a PNG at @path. */
void              tonic_test_ui_save_png      (GtkWidget    *window,
                                               const char   *path);
/* Whether any widget under @widget (or any open toplevel window, when
 * @widget is NULL) shows or holds @needle: labels, entries, titles and
 * subtitles of rows, status pages and window titles. Reports the widget's
 * type in @where. */
gboolean          tonic_test_ui_widgets_contain (GtkWidget  *widget,
                                                 const char *needle,
                                                 char      **where);

/* Whether @needle appears in any file under @dir (recursively). Reports
 * the first file that holds it in @where. */
gboolean          tonic_test_ui_tree_contains (const char   *dir,
                                               const char   *needle,
                                               char        **where);

/* Waiting for an asynchronous call: pass tonic_test_wait_ready and a
 * TonicTestWait as its callback and data, then tonic_test_wait() returns
 * the result (owned by @wait until tonic_test_wait_clear()). */
typedef struct
{
  GAsyncResult *result;
} TonicTestWait;

void              tonic_test_wait_ready       (GObject       *object,
                                               GAsyncResult  *result,
                                               gpointer       wait);
GAsyncResult     *tonic_test_wait             (TonicTestWait *wait,
                                               const char    *what);
void              tonic_test_wait_clear       (TonicTestWait *wait);

/* A practice made directly (not through the assistant) in @data_dir, its
 * store open with the administrator signed in; its key in the keyring when
 * @in_keyring. */
typedef struct
{
  TonicPracticeDir *dir;
  TonicStore       *store;
  TonicKey         *key;
  TonicStaff       *admin;
} TonicTestPractice;

void              tonic_test_practice_create  (TonicTestPractice *practice,
                                               const char        *data_dir,
                                               const char        *name,
                                               const char        *admin_name,
                                               const char        *admin_username,
                                               const char        *password,
                                               gboolean           in_keyring);
/* Adds a staff member through the store (as the signed-in administrator). */
TonicStaff       *tonic_test_practice_add_staff (TonicTestPractice *practice,
                                                 const char        *username,
                                                 const char        *display_name,
                                                 TonicRole          role,
                                                 const char        *password);
/* Closes the store and drops everything. */
void              tonic_test_practice_clear   (TonicTestPractice *practice);

/* Removes @path and everything under it. */
void              tonic_test_ui_remove_tree   (const char        *path);

G_END_DECLS
