/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-test-ui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tonic-keyring.h"
#include "tonic-password.h"
#include "tonic-recovery-key.h"
#include "tonic-test-ui.h"

#define WAIT_TIMEOUT_US (60 * G_USEC_PER_SEC)

void
tonic_test_ui_init (int    *argc,
                    char ***argv)
{
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

TonicApplication *
tonic_test_ui_app_get (const char *data_dir)
{
  static TonicApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = tonic_application_new ();
      /* A test must not find a running instance, nor be found. */
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      /* Registering emits "startup", as g_application_run() would. */
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  tonic_application_set_data_dir (app, data_dir);
  return app;
}

void
tonic_test_ui_wait_until (gboolean  (*condition) (gpointer),
                          gpointer    data,
                          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef struct
{
  TonicWindow *window;
  const char  *page;
} PageWait;

static gboolean
page_is_shown (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (_tonic_window_get_page (wait->window), wait->page) == 0;
}

void
tonic_test_ui_wait_for_page (TonicWindow *window,
                             const char  *page)
{
  PageWait wait = { window, page };
  g_autofree char *what = g_strdup_printf ("the %s page", page);

  tonic_test_ui_wait_until (page_is_shown, &wait, what);
}

typedef struct
{
  GtkStack   *stack;
  const char *page;
} StackWait;

static gboolean
stack_shows (gpointer data)
{
  StackWait *wait = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (wait->stack), wait->page) == 0;
}

void
tonic_test_ui_wait_for_stack (GtkStack   *stack,
                              const char *page)
{
  StackWait wait = { stack, page };
  g_autofree char *what = g_strdup_printf ("the page “%s”", page);

  tonic_test_ui_wait_until (stack_shows, &wait, what);
}

void
tonic_test_ui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gpointer
tonic_test_ui_child (gpointer    widget,
                     GType       type,
                     const char *name)
{
  GObject *child;

  g_assert_true (GTK_IS_WIDGET (widget));
  child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
  if (child == NULL)
    g_error ("%s has no template child “%s”", G_OBJECT_TYPE_NAME (widget), name);

  return child;
}

void
tonic_test_ui_type (gpointer    editable,
                    const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  g_main_context_iteration (NULL, FALSE);
}

void
tonic_test_ui_click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  /* What a click delivers (activate would wait for the press animation). */
  g_signal_emit_by_name (button, "clicked");
  g_main_context_iteration (NULL, FALSE);
}

gboolean
tonic_test_ui_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

void
tonic_test_ui_click_when_mapped (gpointer button)
{
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, button, "the button to be on screen");
  tonic_test_ui_click (button);
}

gboolean
tonic_test_ui_label_shown (gpointer label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         *gtk_label_get_label (GTK_LABEL (label)) != '\0';
}

GtkWidget *
tonic_test_ui_find_widget (GtkWidget  *widget,
                           GType       type,
                           const char *needle)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *text = NULL;

      if (GTK_IS_LABEL (widget))
        text = gtk_label_get_label (GTK_LABEL (widget));
      else if (GTK_IS_BUTTON (widget))
        text = gtk_button_get_label (GTK_BUTTON (widget));

      if (needle == NULL || (text != NULL && strstr (text, needle) != NULL))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tonic_test_ui_find_widget (child, type, needle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *needle;
} TextWait;

static gboolean
toast_shown (gpointer data)
{
  TextWait *wait = data;

  return tonic_test_ui_find_widget (wait->root, GTK_TYPE_LABEL, wait->needle) != NULL;
}

void
tonic_test_ui_wait_for_toast (GtkWidget  *root,
                              const char *text)
{
  TextWait wait = { root, text };
  g_autofree char *what = g_strdup_printf ("the toast “%s”", text);

  tonic_test_ui_wait_until (toast_shown, &wait, what);
}

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return tonic_test_ui_widgets_contain (wait->root, wait->needle, NULL);
}

void
tonic_test_ui_wait_for_text (GtkWidget  *root,
                             const char *needle)
{
  TextWait wait = { root, needle };
  g_autofree char *what = g_strdup_printf ("“%s” on screen", needle);

  tonic_test_ui_wait_until (text_shown, &wait, what);
}

void
tonic_test_ui_save_png (GtkWidget  *window,
                        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  /* Let pending layout and animations settle first. */
  tonic_test_ui_spin (400);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;
  gsize needle_len = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  if (length < needle_len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= length; i++)
    if (memcmp (contents + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

gboolean
tonic_test_ui_tree_contains (const char  *dir,
                             const char  *needle,
                             char       **where)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return FALSE;

  while ((name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (tonic_test_ui_tree_contains (path, needle, where))
            return TRUE;
        }
      else if (file_contains (path, needle))
        {
          if (where != NULL)
            *where = g_strdup (path);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
text_has (const char *text,
          const char *needle)
{
  return text != NULL && strstr (text, needle) != NULL;
}

static gboolean
widget_holds (GtkWidget  *widget,
              const char *needle)
{
  if (GTK_IS_LABEL (widget))
    return text_has (gtk_label_get_label (GTK_LABEL (widget)), needle);
  if (GTK_IS_EDITABLE (widget))
    return text_has (gtk_editable_get_text (GTK_EDITABLE (widget)), needle);
  if (GTK_IS_WINDOW (widget))
    return text_has (gtk_window_get_title (GTK_WINDOW (widget)), needle);
  if (ADW_IS_STATUS_PAGE (widget))
    return text_has (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), needle) ||
           text_has (adw_status_page_get_description (ADW_STATUS_PAGE (widget)), needle);
  if (ADW_IS_ACTION_ROW (widget) &&
      text_has (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), needle))
    return TRUE;
  if (ADW_IS_EXPANDER_ROW (widget) &&
      text_has (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)), needle))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return text_has (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), needle);
  if (ADW_IS_WINDOW_TITLE (widget))
    return text_has (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), needle) ||
           text_has (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), needle);
  if (ADW_IS_VIEW_SWITCHER_TITLE (widget))
    return text_has (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (widget)), needle) ||
           text_has (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (widget)),
                     needle);
  if (ADW_IS_AVATAR (widget))
    return text_has (adw_avatar_get_text (ADW_AVATAR (widget)), needle);

  return FALSE;
}

gboolean
tonic_test_ui_widgets_contain (GtkWidget  *widget,
                               const char *needle,
                               char      **where)
{
  if (widget == NULL)
    {
      g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
      gboolean found = FALSE;

      g_object_ref (toplevels);
      for (guint i = 0; !found && i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
          found = tonic_test_ui_widgets_contain (toplevel, needle, where);
        }
      return found;
    }

  if (widget_holds (widget, needle))
    {
      if (where != NULL)
        *where = g_strdup (G_OBJECT_TYPE_NAME (widget));
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (tonic_test_ui_widgets_contain (child, needle, where))
        return TRUE;
    }

  return FALSE;
}

void
tonic_test_wait_ready (GObject      *object,
                       GAsyncResult *result,
                       gpointer      wait)
{
  TonicTestWait *self = wait;

  g_assert_null (self->result);
  self->result = g_object_ref (result);
}

static gboolean
wait_has_result (gpointer wait)
{
  return ((TonicTestWait *) wait)->result != NULL;
}

GAsyncResult *
tonic_test_wait (TonicTestWait *wait,
                 const char    *what)
{
  tonic_test_ui_wait_until (wait_has_result, wait, what);
  return wait->result;
}

void
tonic_test_wait_clear (TonicTestWait *wait)
{
  g_clear_object (&wait->result);
}

void
tonic_test_practice_create (TonicTestPractice *practice,
                            const char        *data_dir,
                            const char        *name,
                            const char        *admin_name,
                            const char        *admin_username,
                            const char        *password,
                            gboolean           in_keyring)
{
  g_autoptr(GError) error = NULL;
  char *recovery = tonic_recovery_key_generate ();
  TonicPracticeDraft draft = { name, admin_name, admin_username, password, recovery };
  TonicTestWait wait = { NULL };

  memset (practice, 0, sizeof *practice);
  practice->key = tonic_key_new_random ();

  tonic_practice_dir_create_async (data_dir, &draft, practice->key, NULL,
                                   tonic_test_wait_ready, &wait);
  practice->store = tonic_practice_dir_create_finish (tonic_test_wait (&wait, "the practice"),
                                                      &practice->dir, &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);
  tonic_recovery_key_free (recovery);

  tonic_store_sign_in_async (practice->store, admin_username, password, NULL,
                             tonic_test_wait_ready, &wait);
  practice->admin = tonic_store_sign_in_finish (practice->store,
                                                tonic_test_wait (&wait, "signing in"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  if (in_keyring)
    {
      tonic_keyring_store_async (tonic_practice_dir_get_id (practice->dir), name, practice->key,
                                 NULL, tonic_test_wait_ready, &wait);
      tonic_keyring_store_finish (tonic_test_wait (&wait, "the keyring"), &error);
      g_assert_no_error (error);
      tonic_test_wait_clear (&wait);
    }
}

TonicStaff *
tonic_test_practice_add_staff (TonicTestPractice *practice,
                               const char        *username,
                               const char        *display_name,
                               TonicRole          role,
                               const char        *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = tonic_password_hash (password, &error);
  TonicTestWait wait = { NULL };
  TonicStaff *staff;

  g_assert_no_error (error);
  tonic_store_add_staff_async (practice->store, username, display_name, role, hash, NULL,
                               tonic_test_wait_ready, &wait);
  staff = tonic_store_add_staff_finish (practice->store, tonic_test_wait (&wait, "a new staff member"),
                                        &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return staff;
}

void
tonic_test_practice_clear (TonicTestPractice *practice)
{
  if (practice->store != NULL)
    tonic_store_close (practice->store);
  g_clear_object (&practice->store);
  g_clear_object (&practice->dir);
  g_clear_object (&practice->admin);
  g_clear_pointer (&practice->key, tonic_key_unref);
}

void
tonic_test_ui_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        tonic_test_ui_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}
