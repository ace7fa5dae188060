/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Admin view driven as an administrator would: staff accounts (adding,
 * editing, passwords, deactivating) with their key slots, the audit trail
 * with its filters, paging and verification, and the practice settings. */
#define G_LOG_DOMAIN "test-admin-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tonic-admin-private.h"
#include "tonic-admin-view.h"
#include "tonic-audit-page.h"
#include "tonic-clinical-defaults.h"
#include "tonic-password.h"
#include "tonic-recovery-key.h"
#include "tonic-staff-dialog.h"
#include "tonic-staff-page.h"
#include "tonic-test-ui.h"
#include "tonic-vault-error.h"

#define PRACTICE_NAME  "Riverside Ketamine Clinic"
#define ADMIN_NAME     "Dana Whitfield"
#define ADMIN_USER     "dana.whitfield"
#define ADMIN_PASSWORD "lantern-orbit-meadow-42"
#define NURSE_NAME     "Riley Okafor"
#define NURSE_USER     "riley.okafor"
#define NURSE_PASSWORD "copper-violet-harbor-17"
#define NEW_PASSWORD   "quartz-meadow-signal-93"

typedef struct
{
  char             *home;
  TonicKey         *key;
  TonicStore       *store;
  TonicPracticeDir *dir;
  TonicStaff       *admin;
  GtkWindow        *window;
  GtkWidget        *view;
} Fixture;

/* The store, read directly */

static void
store_sign_in (Fixture    *fixture,
               const char *username,
               const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) staff = NULL;
  TonicTestWait wait = { NULL };

  tonic_store_sign_in_async (fixture->store, username, password, NULL, tonic_test_wait_ready, &wait);
  staff = tonic_store_sign_in_finish (fixture->store, tonic_test_wait (&wait, "the sign-in"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
  g_object_unref (wait.result);

  if (g_str_equal (username, ADMIN_USER))
    g_set_object (&fixture->admin, staff);
}

static void
store_sign_out (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };

  tonic_store_sign_out_async (fixture->store, TONIC_SIGN_OUT_USER, NULL, tonic_test_wait_ready, &wait);
  tonic_store_sign_out_finish (fixture->store, tonic_test_wait (&wait, "the sign-out"), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static GPtrArray *
store_list_staff (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *staff;
  TonicTestWait wait = { NULL };

  tonic_store_list_staff_async (fixture->store, TRUE, NULL, tonic_test_wait_ready, &wait);
  staff = tonic_store_list_staff_finish (fixture->store, tonic_test_wait (&wait, "the staff list"),
                                         &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return staff;
}

/* A new reference to the staff member called @username, or NULL. */
static TonicStaff *
store_find_staff (Fixture    *fixture,
                  const char *username)
{
  g_autoptr(GPtrArray) staff = store_list_staff (fixture);

  for (guint i = 0; i < staff->len; i++)
    {
      TonicStaff *member = g_ptr_array_index (staff, i);

      if (g_str_equal (tonic_staff_get_username (member), username))
        return g_object_ref (member);
    }

  return NULL;
}

static char *
store_get_setting (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  char *value;
  TonicTestWait wait = { NULL };

  tonic_store_get_setting_async (fixture->store, name, NULL, tonic_test_wait_ready, &wait);
  value = tonic_store_get_setting_finish (fixture->store, tonic_test_wait (&wait, "the setting"),
                                          &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return value;
}

static TonicStaff *
store_add_staff (Fixture    *fixture,
                 const char *username,
                 const char *name,
                 TonicRole   role,
                 const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = tonic_password_hash (password, &error);
  TonicStaff *staff;
  TonicTestWait wait = { NULL };

  g_assert_no_error (error);
  tonic_store_add_staff_async (fixture->store, username, name, role, hash, NULL, tonic_test_wait_ready, &wait);
  staff = tonic_store_add_staff_finish (fixture->store, tonic_test_wait (&wait, "the new staff member"),
                                        &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return staff;
}

/* The key-slot file as saved on disk. */
static TonicKeySlots *
load_slots (Fixture *fixture)
{
  g_autoptr(GFile) file = tonic_practice_dir_get_slots_file (fixture->dir);
  g_autoptr(GError) error = NULL;
  TonicKeySlots *slots = tonic_key_slots_load (file, &error);

  g_assert_no_error (error);
  return slots;
}

static void
assert_password_unlocks (Fixture    *fixture,
                         const char *username,
                         const char *password,
                         gboolean    unlocks)
{
  g_autoptr(TonicKeySlots) slots = load_slots (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = tonic_key_slots_unlock_password (slots, username, password, &error);

  if (unlocks)
    {
      g_assert_no_error (error);
      g_assert_true (tonic_key_equal (key, fixture->key));
    }
  else
    {
      g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_PASSWORD);
      g_assert_null (key);
    }
}

/* Widgets */

#define ADMIN(fixture, name) \
  tonic_test_ui_child ((fixture)->view, TONIC_TYPE_ADMIN_VIEW, name)
#define STAFF(fixture, name) \
  tonic_test_ui_child (ADMIN (fixture, "staff_page"), TONIC_TYPE_STAFF_PAGE, name)
#define AUDIT(fixture, name) \
  tonic_test_ui_child (ADMIN (fixture, "audit_page"), TONIC_TYPE_AUDIT_PAGE, name)
#define DIALOG(dialog, name) \
  tonic_test_ui_child (dialog, TONIC_TYPE_STAFF_DIALOG, name)

/* An open top-level window of @type (other than the test's own). */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;  /* GTK keeps it */
    }

  return NULL;
}

static gboolean
staff_dialog_open (gpointer data)
{
  return find_toplevel (TONIC_TYPE_STAFF_DIALOG) != NULL;
}

static gboolean
staff_dialog_gone (gpointer data)
{
  return find_toplevel (TONIC_TYPE_STAFF_DIALOG) == NULL;
}

static gboolean
message_dialog_open (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static TonicStaffDialog *
wait_for_staff_dialog (void)
{
  TonicStaffDialog *dialog;

  tonic_test_ui_wait_until (staff_dialog_open, NULL, "the staff dialog");
  dialog = find_toplevel (TONIC_TYPE_STAFF_DIALOG);
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, dialog, "the staff dialog on screen");

  return dialog;
}

/* The staff list */

static AdwActionRow *
staff_row (Fixture    *fixture,
           const char *name)
{
  GtkListBox *list = STAFF (fixture, "list_box");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return ADW_ACTION_ROW (row);

  return NULL;
}

static guint
n_staff_rows (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (STAFF (fixture, "list_box"), (int) n) != NULL)
    n++;

  return n;
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
  const char *subtitle;
} RowWait;

static gboolean
row_reads (gpointer data)
{
  RowWait *wait = data;
  AdwActionRow *row = staff_row (wait->fixture, wait->name);

  return row != NULL && g_strcmp0 (adw_action_row_get_subtitle (row), wait->subtitle) == 0;
}

static void
wait_for_row (Fixture    *fixture,
              const char *name,
              const char *subtitle)
{
  RowWait wait = { fixture, name, subtitle };
  g_autofree char *what = g_strdup_printf ("the row “%s” to read “%s”", name, subtitle);

  tonic_test_ui_wait_until (row_reads, &wait, what);
}

static gboolean
menu_offers (GMenuModel *menu,
             const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }

  return FALSE;
}

static GMenuModel *
row_menu (Fixture    *fixture,
          const char *name)
{
  AdwActionRow *row = staff_row (fixture, name);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = tonic_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  /* An icon-only button says what it is. */
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));

  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
}

static void
activate_staff_action (Fixture    *fixture,
                       const char *action,
                       TonicStaff *member)
{
  g_assert_true (menu_offers (row_menu (fixture, tonic_staff_get_display_name (member)), action));
  g_assert_true (gtk_widget_activate_action (ADMIN (fixture, "staff_page"), action, "x",
                                             tonic_staff_get_id (member)));
}

/* The fixture: a practice made directly, its administrator signed in, and
 * the Admin view in a window with a toast overlay, as in the workspace. */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  char *recovery = tonic_recovery_key_generate ();
  TonicPracticeDraft draft = {
    PRACTICE_NAME, ADMIN_NAME, ADMIN_USER, ADMIN_PASSWORD, recovery,
  };
  GtkWidget *overlay;
  TonicTestWait wait = { NULL };

  fixture->home = g_dir_make_tmp ("tonic-admin-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (fixture->home, "data", NULL);
  fixture->key = tonic_key_new_random ();

  tonic_practice_dir_create_async (data_dir, &draft, fixture->key, NULL, tonic_test_wait_ready, &wait);
  fixture->store = tonic_practice_dir_create_finish (tonic_test_wait (&wait, "the practice"),
                                                     &fixture->dir, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  tonic_recovery_key_free (recovery);

  store_sign_in (fixture, ADMIN_USER, ADMIN_PASSWORD);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 1100, 760);
  overlay = adw_toast_overlay_new ();
  fixture->view = tonic_admin_view_new (fixture->store, fixture->dir, fixture->key,
                                        fixture->admin);
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->view);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
}

static gboolean
view_finalized (gpointer data)
{
  return ((Fixture *) data)->view == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *other;

  while ((other = find_toplevel (GTK_TYPE_WINDOW)) != NULL && other != GTK_WIDGET (fixture->window))
    gtk_window_destroy (GTK_WINDOW (other));

  gtk_window_destroy (fixture->window);
  tonic_test_ui_spin (100);
  /* The view and everything in it are gone with the window, once the
   * store has answered what was still on its way. */
  g_assert_finalize_object (fixture->window);
  tonic_test_ui_wait_until (view_finalized, fixture, "the view to be finalized");

  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->dir);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
}

static gboolean
staff_list_shown (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (STAFF (fixture, "state_stack")),
                    "list") == 0 &&
         n_staff_rows (fixture) > 0;
}

/* Staff accounts */

static void
test_add_staff (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TonicStaff) nurse = NULL;
  TonicStaffDialog *dialog;

  tonic_test_ui_wait_until (staff_list_shown, fixture, "the staff list");
  g_assert_cmpuint (n_staff_rows (fixture), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (staff_row (fixture, ADMIN_NAME)), ==,
                   ADMIN_USER " · Administrator");
  /* Nobody is offered to deactivate themselves. */
  g_assert_true (menu_offers (row_menu (fixture, ADMIN_NAME), "staff.edit"));
  g_assert_false (menu_offers (row_menu (fixture, ADMIN_NAME), "staff.deactivate"));

  tonic_test_ui_click_when_mapped (STAFF (fixture, "add_button"));
  dialog = wait_for_staff_dialog ();
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);

  /* Nothing filled in: every field says what it needs. */
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  g_assert_true (tonic_test_ui_label_shown (DIALOG (dialog, "name_error")));
  g_assert_true (tonic_test_ui_label_shown (DIALOG (dialog, "username_error")));
  g_assert_true (tonic_test_ui_label_shown (DIALOG (dialog, "password_error")));
  g_assert_true (gtk_widget_has_css_class (DIALOG (dialog, "name_row"), "error"));

  /* The username follows the name until typed. */
  tonic_test_ui_type (DIALOG (dialog, "name_row"), NURSE_NAME);
  g_assert_cmpstr (gtk_editable_get_text (DIALOG (dialog, "username_row")), ==, NURSE_USER);
  g_assert_false (tonic_test_ui_label_shown (DIALOG (dialog, "name_error")));
  adw_combo_row_set_selected (DIALOG (dialog, "role_row"), TONIC_ROLE_NURSE);
  tonic_test_ui_type (DIALOG (dialog, "password_row"), NURSE_PASSWORD);
  tonic_test_ui_type (DIALOG (dialog, "confirm_row"), NURSE_PASSWORD);
  g_assert_cmpfloat (gtk_level_bar_get_value (DIALOG (dialog, "strength_bar")), >, 0.0);

  /* A username the rules refuse, shown next to it before anything is saved. */
  tonic_test_ui_type (DIALOG (dialog, "username_row"), "riley okafor!");
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  g_assert_true (tonic_test_ui_label_shown (DIALOG (dialog, "username_error")));
  g_assert_true (gtk_widget_has_css_class (DIALOG (dialog, "username_row"), "error"));
  g_assert_false (tonic_test_ui_label_shown (DIALOG (dialog, "name_error")));
  g_assert_false (tonic_test_ui_label_shown (DIALOG (dialog, "password_error")));
  g_assert_true (find_toplevel (TONIC_TYPE_STAFF_DIALOG) == dialog);

  /* A username someone has: the store's answer, next to the field. */
  tonic_test_ui_type (DIALOG (dialog, "username_row"), "Dana.Whitfield");
  g_assert_false (tonic_test_ui_label_shown (DIALOG (dialog, "username_error")));
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  tonic_test_ui_wait_until (tonic_test_ui_label_shown, DIALOG (dialog, "username_error"),
                            "the taken username refused");
  g_assert_true (gtk_widget_has_css_class (DIALOG (dialog, "username_row"), "error"));
  g_assert_true (gtk_widget_get_sensitive (DIALOG (dialog, "save_button")));
  g_assert_true (find_toplevel (TONIC_TYPE_STAFF_DIALOG) == dialog);
  g_assert_null (store_find_staff (fixture, NURSE_USER));

  tonic_test_ui_type (DIALOG (dialog, "username_row"), NURSE_USER);
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  tonic_test_ui_wait_until (staff_dialog_gone, NULL, "the dialog to close");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), NURSE_NAME " can now sign in");

  /* In the list, in the store, and in the key slots. */
  wait_for_row (fixture, NURSE_NAME, NURSE_USER " · Nurse");
  g_assert_cmpuint (n_staff_rows (fixture), ==, 2);
  g_assert_true (menu_offers (row_menu (fixture, NURSE_NAME), "staff.deactivate"));
  g_assert_true (menu_offers (row_menu (fixture, NURSE_NAME), "staff.reset-password"));

  nurse = store_find_staff (fixture, NURSE_USER);
  g_assert_nonnull (nurse);
  g_assert_cmpstr (tonic_staff_get_display_name (nurse), ==, NURSE_NAME);
  g_assert_cmpint (tonic_staff_get_role (nurse), ==, TONIC_ROLE_NURSE);
  g_assert_true (tonic_staff_get_active (nurse));

  assert_password_unlocks (fixture, NURSE_USER, NURSE_PASSWORD, TRUE);
  assert_password_unlocks (fixture, NURSE_USER, NURSE_PASSWORD "x", FALSE);
  /* The administrator's slot is still there. */
  assert_password_unlocks (fixture, ADMIN_USER, ADMIN_PASSWORD, TRUE);
}

static void
test_edit_and_password (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(TonicStaff) admin = NULL;
  g_autoptr(TonicStaff) changed = NULL;
  TonicStaffDialog *dialog;

  nurse = store_add_staff (fixture, NURSE_USER, NURSE_NAME, TONIC_ROLE_NURSE, NURSE_PASSWORD);
  tonic_staff_page_reload (ADMIN (fixture, "staff_page"));
  wait_for_row (fixture, NURSE_NAME, NURSE_USER " · Nurse");

  /* A new role: activating the row edits the person too. */
  g_assert_true (menu_offers (row_menu (fixture, NURSE_NAME), "staff.edit"));
  gtk_widget_activate (GTK_WIDGET (staff_row (fixture, NURSE_NAME)));
  dialog = wait_for_staff_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (DIALOG (dialog, "name_row")), ==, NURSE_NAME);
  g_assert_false (gtk_widget_get_visible (DIALOG (dialog, "username_row")));
  g_assert_false (gtk_widget_get_visible (DIALOG (dialog, "password_group")));
  g_assert_cmpuint (adw_combo_row_get_selected (DIALOG (dialog, "role_row")), ==,
                    TONIC_ROLE_NURSE);
  adw_combo_row_set_selected (DIALOG (dialog, "role_row"), TONIC_ROLE_CLINICIAN);
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  tonic_test_ui_wait_until (staff_dialog_gone, NULL, "the dialog to close");
  wait_for_row (fixture, NURSE_NAME, NURSE_USER " · Clinician");
  changed = store_find_staff (fixture, NURSE_USER);
  g_assert_cmpint (tonic_staff_get_role (changed), ==, TONIC_ROLE_CLINICIAN);

  /* The last administrator keeps the role: said next to the role. */
  admin = store_find_staff (fixture, ADMIN_USER);
  activate_staff_action (fixture, "staff.edit", admin);
  dialog = wait_for_staff_dialog ();
  adw_combo_row_set_selected (DIALOG (dialog, "role_row"), TONIC_ROLE_FRONT_DESK);
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  tonic_test_ui_wait_until (tonic_test_ui_label_shown, DIALOG (dialog, "role_error"),
                            "the last administrator refused");
  g_assert_true (gtk_widget_has_css_class (DIALOG (dialog, "role_row"), "error"));
  g_assert_false (tonic_test_ui_label_shown (DIALOG (dialog, "name_error")));
  /* Escape cancels. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  tonic_test_ui_wait_until (staff_dialog_gone, NULL, "the dialog to close");
  g_clear_object (&admin);
  admin = store_find_staff (fixture, ADMIN_USER);
  g_assert_cmpint (tonic_staff_get_role (admin), ==, TONIC_ROLE_ADMIN);

  /* A new password: it opens the practice, the old one no longer does. */
  activate_staff_action (fixture, "staff.reset-password", nurse);
  dialog = wait_for_staff_dialog ();
  g_assert_false (gtk_widget_get_visible (DIALOG (dialog, "identity_group")));
  g_assert_true (tonic_test_ui_label_shown (DIALOG (dialog, "intro_label")));
  tonic_test_ui_type (DIALOG (dialog, "password_row"), NEW_PASSWORD);
  tonic_test_ui_type (DIALOG (dialog, "confirm_row"), NEW_PASSWORD "?");
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  g_assert_true (tonic_test_ui_label_shown (DIALOG (dialog, "password_error")));
  g_assert_true (gtk_widget_has_css_class (DIALOG (dialog, "confirm_row"), "error"));
  tonic_test_ui_type (DIALOG (dialog, "confirm_row"), NEW_PASSWORD);
  tonic_test_ui_click_when_mapped (DIALOG (dialog, "save_button"));
  tonic_test_ui_wait_until (staff_dialog_gone, NULL, "the dialog to close");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), NURSE_NAME " has a new password");

  assert_password_unlocks (fixture, NURSE_USER, NEW_PASSWORD, TRUE);
  assert_password_unlocks (fixture, NURSE_USER, NURSE_PASSWORD, FALSE);
}

static gboolean
slot_removed (gpointer data)
{
  RowWait *wait = data;
  g_autoptr(TonicKeySlots) slots = load_slots (wait->fixture);

  return !tonic_key_slots_has_staff (slots, wait->name);
}

static gboolean
staff_active (gpointer data)
{
  RowWait *wait = data;
  g_autoptr(TonicStaff) member = store_find_staff (wait->fixture, wait->name);

  return tonic_staff_get_active (member);
}

static void
test_deactivate (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(TonicStaff) after = NULL;
  g_autoptr(TonicStaff) admin = NULL;
  AdwMessageDialog *confirm;
  GtkWidget *undo;
  RowWait wait = { fixture, NULL, NULL };
  TonicTestWait slot_wait = { NULL };
  g_autoptr(GError) error = NULL;

  nurse = store_add_staff (fixture, NURSE_USER, NURSE_NAME, TONIC_ROLE_NURSE, NURSE_PASSWORD);
  /* The slot the dialog would have made. */
  tonic_practice_dir_set_staff_slot_async (fixture->dir, fixture->key, tonic_staff_get_uuid (nurse),
                                           NURSE_USER, NURSE_PASSWORD, NULL, tonic_test_wait_ready, &slot_wait);
  tonic_practice_dir_update_finish (fixture->dir, tonic_test_wait (&slot_wait, "the slot"), &error);
  g_assert_no_error (error);
  g_clear_object (&slot_wait.result);
  tonic_staff_page_reload (ADMIN (fixture, "staff_page"));
  wait_for_row (fixture, NURSE_NAME, NURSE_USER " · Nurse");

  /* Asked first; cancelling changes nothing. */
  activate_staff_action (fixture, "staff.deactivate", nurse);
  tonic_test_ui_wait_until (message_dialog_open, NULL, "the confirmation");
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Deactivate " NURSE_NAME "?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirm, "deactivate"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (confirm, "cancel");
  tonic_test_ui_spin (100);
  wait.name = NURSE_USER;
  g_assert_true (staff_active (&wait));

  activate_staff_action (fixture, "staff.deactivate", nurse);
  tonic_test_ui_wait_until (message_dialog_open, NULL, "the confirmation");
  adw_message_dialog_response (find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "deactivate");

  wait_for_row (fixture, NURSE_NAME, NURSE_USER " · Nurse · Deactivated");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (staff_row (fixture, NURSE_NAME)),
                                           "dim-label"));
  g_assert_true (menu_offers (row_menu (fixture, NURSE_NAME), "staff.reactivate"));
  g_assert_false (menu_offers (row_menu (fixture, NURSE_NAME), "staff.deactivate"));
  g_assert_false (menu_offers (row_menu (fixture, NURSE_NAME), "staff.reset-password"));
  after = store_find_staff (fixture, NURSE_USER);
  g_assert_false (tonic_staff_get_active (after));

  /* Their password no longer opens the practice. */
  wait.name = tonic_staff_get_uuid (nurse);
  tonic_test_ui_wait_until (slot_removed, &wait, "the key slot to go");
  assert_password_unlocks (fixture, NURSE_USER, NURSE_PASSWORD, FALSE);

  /* Undo reactivates (the slot comes back with the next password). */
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), NURSE_NAME " was deactivated");
  undo = tonic_test_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  tonic_test_ui_click (undo);
  wait.name = NURSE_USER;
  tonic_test_ui_wait_until (staff_active, &wait, "the reactivation");
  wait_for_row (fixture, NURSE_NAME, NURSE_USER " · Nurse");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), NURSE_NAME " can sign in again");
  assert_password_unlocks (fixture, NURSE_USER, NURSE_PASSWORD, FALSE);

  /* The administrator was never offered to deactivate themselves. */
  g_assert_false (menu_offers (row_menu (fixture, ADMIN_NAME), "staff.deactivate"));
  admin = store_find_staff (fixture, ADMIN_USER);
  g_assert_true (tonic_staff_get_active (admin));
}

/* The audit trail */

static GListModel *
audit_entries (Fixture *fixture)
{
  GtkColumnView *view = AUDIT (fixture, "column_view");

  return gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_column_view_get_model (view)));
}

static gboolean
audit_loaded (gpointer data)
{
  Fixture *fixture = data;
  const char *shown = gtk_stack_get_visible_child_name (AUDIT (fixture, "content_stack"));

  return g_strcmp0 (shown, "list") == 0 || g_strcmp0 (shown, "empty") == 0;
}

static void
wait_for_audit (Fixture *fixture)
{
  tonic_test_ui_wait_until (audit_loaded, fixture, "the audit trail");
}

static gboolean
audit_has_action (Fixture    *fixture,
                  const char *action)
{
  GListModel *entries = audit_entries (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, i);

      if (g_strcmp0 (tonic_audit_event_get_action (event), action) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Picks the item of @dropdown that reads @text, as a person would. */
static void
choose (GtkDropDown *dropdown,
        const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }

  g_error ("The drop-down has no “%s”", text);
}

static gboolean
staff_filter_filled (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (AUDIT (fixture, "staff_dropdown"))) > 2;
}

static gboolean
verify_done (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_sensitive (AUDIT (fixture, "verify_button")) &&
         tonic_test_ui_label_shown (AUDIT (fixture, "verify_label"));
}

static gboolean
switch_state_on (gpointer data)
{
  return gtk_switch_get_state (data);
}

static gboolean
widget_is_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static void
test_audit_trail (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(GPtrArray) denied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *setting = NULL;
  GtkSwitch *emergency = ADMIN (fixture, "emergency_switch");
  GListModel *entries;
  gint64 previous;
  guint n_all;
  TonicTestWait wait = { NULL };

  /* The practice page: the name, and the emergency setting written when
   * switched. */
  gtk_stack_set_visible_child_name (ADMIN (fixture, "stack"), "practice");
  /* Read in this order by the store's one worker. */
  tonic_test_ui_wait_until (widget_is_sensitive, emergency, "the emergency setting");
  g_assert_cmpstr (gtk_label_get_label (ADMIN (fixture, "practice_name_label")), ==,
                   PRACTICE_NAME);
  g_assert_false (gtk_switch_get_active (emergency));
  gtk_widget_activate (GTK_WIDGET (emergency));
  tonic_test_ui_wait_until (switch_state_on, emergency, "the setting to be saved");
  setting = store_get_setting (fixture, TONIC_SETTING_EMERGENCY_ACCESS);
  g_assert_cmpstr (setting, ==, "true");

  /* Someone else signs in and tries what they may not. */
  nurse = store_add_staff (fixture, NURSE_USER, NURSE_NAME, TONIC_ROLE_NURSE, NURSE_PASSWORD);
  store_sign_out (fixture);
  store_sign_in (fixture, NURSE_USER, NURSE_PASSWORD);
  tonic_store_list_staff_async (fixture->store, TRUE, NULL, tonic_test_wait_ready, &wait);
  denied = tonic_store_list_staff_finish (fixture->store, tonic_test_wait (&wait, "the refusal"), &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_object (&wait.result);
  store_sign_out (fixture);
  store_sign_in (fixture, ADMIN_USER, ADMIN_PASSWORD);

  /* Newest first, everything there. */
  gtk_stack_set_visible_child_name (ADMIN (fixture, "stack"), "audit");
  wait_for_audit (fixture);
  entries = audit_entries (fixture);
  n_all = g_list_model_get_n_items (entries);
  g_assert_cmpuint (n_all, >=, 8);
  previous = G_MAXINT64;
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, i);

      g_assert_cmpint (tonic_audit_event_get_sequence (event), <, previous);
      previous = tonic_audit_event_get_sequence (event);
    }
  g_assert_true (audit_has_action (fixture, "practice.create"));
  g_assert_true (audit_has_action (fixture, "staff.add"));
  g_assert_true (audit_has_action (fixture, "setting.change"));
  g_assert_true (audit_has_action (fixture, "sign-in"));
  g_assert_true (audit_has_action (fixture, "sign-out"));
  g_assert_false (gtk_action_bar_get_revealed (AUDIT (fixture, "older_bar")));

  /* By staff member: only the nurse's entries, the refusal among them. */
  tonic_test_ui_wait_until (staff_filter_filled, fixture, "the staff filter");
  choose (AUDIT (fixture, "staff_dropdown"), NURSE_NAME);
  wait_for_audit (fixture);
  entries = audit_entries (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >=, 3);
  {
    gboolean saw_denied = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
      {
        g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, i);

        g_assert_cmpint (tonic_audit_event_get_staff_id (event), ==, tonic_staff_get_id (nurse));
        saw_denied |= tonic_audit_event_get_outcome (event) == TONIC_AUDIT_DENIED;
      }
    g_assert_true (saw_denied);
  }

  /* And by action: the nurse's one sign-in. */
  choose (AUDIT (fixture, "action_dropdown"), "Sign-in");
  wait_for_audit (fixture);
  entries = audit_entries (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  {
    g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, 0);

    g_assert_cmpstr (tonic_audit_event_get_action (event), ==, "sign-in");
    g_assert_cmpint (tonic_audit_event_get_staff_id (event), ==, tonic_staff_get_id (nurse));
  }

  /* Nothing matches: the empty state, and a way back. */
  choose (AUDIT (fixture, "action_dropdown"), "Staff member added");
  wait_for_audit (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (AUDIT (fixture, "content_stack")), ==,
                   "empty");
  g_assert_cmpuint (g_list_model_get_n_items (audit_entries (fixture)), ==, 0);
  tonic_test_ui_click_when_mapped (AUDIT (fixture, "clear_filters_button"));
  wait_for_audit (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (audit_entries (fixture)), ==, n_all);

  /* A day range: from tomorrow finds nothing; clearing brings all back. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

    gtk_calendar_select_day (AUDIT (fixture, "from_calendar"), tomorrow);
    wait_for_audit (fixture);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (AUDIT (fixture, "content_stack")), ==,
                     "empty");
    g_assert_true (gtk_widget_get_sensitive (AUDIT (fixture, "clear_dates_button")));
    g_assert_cmpstr (gtk_menu_button_get_label (AUDIT (fixture, "from_button")), !=, "From");

    /* Up to and including today: everything. */
    tonic_test_ui_click_when_mapped (AUDIT (fixture, "clear_dates_button"));
    gtk_calendar_select_day (AUDIT (fixture, "until_calendar"), tomorrow);
    gtk_calendar_select_day (AUDIT (fixture, "until_calendar"), now);
    wait_for_audit (fixture);
    g_assert_cmpuint (g_list_model_get_n_items (audit_entries (fixture)), ==, n_all);
    tonic_test_ui_click_when_mapped (AUDIT (fixture, "clear_dates_button"));
    wait_for_audit (fixture);
    g_assert_false (gtk_widget_get_sensitive (AUDIT (fixture, "clear_dates_button")));
  }

  /* Paging: a page at a time, older ones after, none twice. */
  _tonic_audit_page_set_page_size (ADMIN (fixture, "audit_page"), 3);
  tonic_audit_page_reload (ADMIN (fixture, "audit_page"));
  wait_for_audit (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (audit_entries (fixture)), ==, 3);
  g_assert_true (gtk_action_bar_get_revealed (AUDIT (fixture, "older_bar")));
  tonic_test_ui_click_when_mapped (AUDIT (fixture, "older_button"));
  tonic_test_ui_wait_until (widget_is_sensitive, AUDIT (fixture, "older_button"),
                            "the older entries");
  entries = audit_entries (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 6);
  previous = G_MAXINT64;
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, i);

      g_assert_cmpint (tonic_audit_event_get_sequence (event), <, previous);
      previous = tonic_audit_event_get_sequence (event);
    }
  _tonic_audit_page_set_page_size (ADMIN (fixture, "audit_page"), 100);

  /* The whole chain checks out, and the check is in the trail. */
  tonic_test_ui_click_when_mapped (AUDIT (fixture, "verify_button"));
  tonic_test_ui_wait_until (verify_done, fixture, "the verification");
  g_assert_nonnull (strstr (gtk_label_get_label (AUDIT (fixture, "verify_label")),
                            "The audit trail is intact"));
  g_assert_true (gtk_widget_has_css_class (AUDIT (fixture, "verify_box"), "success"));
  wait_for_audit (fixture);
  {
    g_autoptr(TonicAuditEvent) newest = g_list_model_get_item (audit_entries (fixture), 0);

    g_assert_cmpstr (tonic_audit_event_get_action (newest), ==, "audit.verify");
  }
}

static TonicPatient *
store_open_new_patient (Fixture    *fixture,
                        const char *legal_name,
                        const char *date_of_birth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPatient) created = NULL;
  TonicPatientFields fields = { 0 };
  TonicTestWait wait = { NULL };
  TonicPatient *opened;

  fields.legal_name = legal_name;
  fields.date_of_birth = date_of_birth;
  tonic_store_create_patient_async (fixture->store, &fields, NULL, tonic_test_wait_ready, &wait);
  created = tonic_store_create_patient_finish (fixture->store, tonic_test_wait (&wait, "a patient"),
                                               &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  /* Opening the chart is what the audit trail records about a patient. */
  tonic_store_open_patient_async (fixture->store, tonic_patient_get_id (created), NULL,
                                  tonic_test_wait_ready, &wait);
  opened = tonic_store_open_patient_finish (fixture->store, tonic_test_wait (&wait, "the chart"),
                                            &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return opened;
}

static gboolean
patient_results_found (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *first = gtk_widget_get_first_child (AUDIT (fixture, "patient_results"));

  /* "Any patient", then the matches. */
  return first != NULL && gtk_widget_get_next_sibling (first) != NULL;
}

/* The audit trail filtered by patient: found by typing part of a name,
 * only that patient's entries listed. */
static void
test_audit_by_patient (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TonicPatient) ana = store_open_new_patient (fixture, "Ana María Núñez", "1985-03-12");
  g_autoptr(TonicPatient) ben = store_open_new_patient (fixture, "Benjamin Okoro", "1979-11-02");
  GtkWidget *match;
  GListModel *entries;

  gtk_stack_set_visible_child_name (ADMIN (fixture, "stack"), "audit");
  tonic_audit_page_reload (ADMIN (fixture, "audit_page"));
  wait_for_audit (fixture);

  gtk_menu_button_popup (AUDIT (fixture, "patient_button"));
  tonic_test_ui_type (AUDIT (fixture, "patient_entry"), "nunez");
  tonic_test_ui_wait_until (patient_results_found, fixture, "the patient search");
  match = gtk_widget_get_next_sibling (gtk_widget_get_first_child (AUDIT (fixture,
                                                                          "patient_results")));
  g_assert_null (gtk_widget_get_next_sibling (match)); /* only Ana */
  g_signal_emit_by_name (AUDIT (fixture, "patient_results"), "row-activated", match);
  wait_for_audit (fixture);

  entries = audit_entries (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >=, 2); /* created, opened */
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, i);

      g_assert_cmpint (tonic_audit_event_get_patient_id (event), ==, tonic_patient_get_id (ana));
    }
  g_assert_true (audit_has_action (fixture, "chart.open"));
  g_assert_nonnull (strstr (gtk_menu_button_get_label (AUDIT (fixture, "patient_button")),
                            tonic_patient_get_mrn (ana)));

  /* "Any patient" brings Ben's entries back. */
  gtk_menu_button_popup (AUDIT (fixture, "patient_button"));
  g_signal_emit_by_name (AUDIT (fixture, "patient_results"), "row-activated",
                         gtk_widget_get_first_child (AUDIT (fixture, "patient_results")));
  wait_for_audit (fixture);
  g_assert_cmpstr (gtk_menu_button_get_label (AUDIT (fixture, "patient_button")), ==,
                   "Any patient");
  entries = audit_entries (fixture);
  {
    gboolean saw_ben = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
      {
        g_autoptr(TonicAuditEvent) event = g_list_model_get_item (entries, i);

        saw_ben |= tonic_audit_event_get_patient_id (event) == tonic_patient_get_id (ben);
      }
    g_assert_true (saw_ben);
  }
}

#define DEFAULTS(fixture, name) \
  tonic_test_ui_child (ADMIN (fixture, "clinical_defaults"), TONIC_TYPE_CLINICAL_DEFAULTS, name)

static gboolean
defaults_saved (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *days = store_get_setting (fixture, TONIC_SETTING_PLAN_WEIGHT_AGE);
  g_autofree char *percent = store_get_setting (fixture, TONIC_SETTING_DOSE_CHANGE_PERCENT);

  return g_strcmp0 (days, "21") == 0 && g_strcmp0 (percent, "25") == 0 &&
         !gtk_widget_get_sensitive (DEFAULTS (fixture, "save_button"));
}

/* The practice's defaults for new plans: shown from the guide, changed,
 * refused next to the group when they make no sense, saved as settings. */
static void
test_clinical_defaults (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *save = DEFAULTS (fixture, "save_button");
  g_autofree char *thresholds = NULL;
  TonicVitalsThresholds saved;

  gtk_stack_set_visible_child_name (ADMIN (fixture, "stack"), "practice");
  tonic_test_ui_wait_until (widget_is_sensitive, DEFAULTS (fixture, "reset_button"),
                            "the clinical defaults");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (DEFAULTS (fixture, "warn_systolic_spin")), ==,
                   160);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (DEFAULTS (fixture, "weight_spin")), ==, 30);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (DEFAULTS (fixture, "change_spin")), ==, 20);
  g_assert_false (gtk_widget_get_sensitive (save));

  /* A warning above the alarm: said under the group, nothing saved. */
  gtk_spin_button_set_value (DEFAULTS (fixture, "warn_systolic_spin"), 190);
  g_assert_true (gtk_widget_get_sensitive (save));
  tonic_test_ui_click (save);
  g_assert_true (tonic_test_ui_label_shown (DEFAULTS (fixture, "error_label")));
  tonic_test_ui_spin (100);
  g_assert_null (store_get_setting (fixture, TONIC_SETTING_PLAN_THRESHOLDS));

  /* Sensible values are saved, both settings. */
  gtk_spin_button_set_value (DEFAULTS (fixture, "warn_systolic_spin"), 150);
  g_assert_false (gtk_widget_get_visible (DEFAULTS (fixture, "error_label")));
  gtk_spin_button_set_value (DEFAULTS (fixture, "spo2_spin"), 90);
  gtk_spin_button_set_value (DEFAULTS (fixture, "weight_spin"), 21);
  gtk_spin_button_set_value (DEFAULTS (fixture, "change_spin"), 25);
  tonic_test_ui_click (save);
  tonic_test_ui_wait_until (defaults_saved, fixture, "the defaults to be saved");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Clinical defaults saved");
  thresholds = store_get_setting (fixture, TONIC_SETTING_PLAN_THRESHOLDS);
  g_assert_true (tonic_vitals_thresholds_parse (thresholds, &saved));
  g_assert_cmpint (saved.warn_systolic_at, ==, 150);
  g_assert_cmpint (saved.spo2_below, ==, 90);
  g_assert_cmpint (saved.alarm_systolic_at, ==, 180);

  /* Reset fills in the guide's values, to be saved or not. */
  tonic_test_ui_click (DEFAULTS (fixture, "reset_button"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (DEFAULTS (fixture, "warn_systolic_spin")), ==,
                   160);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (DEFAULTS (fixture, "weight_spin")), ==, 30);
  g_assert_true (gtk_widget_get_sensitive (save));
}

/* Every action the store writes in the trail, and every permission, reads
 * as words on the audit page, never as its stable name. */
static void
test_action_labels (void)
{
  static const char * const written[] = {
    "sign-in", "sign-out", "lock", "idle-lock", "practice.create", "staff.add", "staff.edit",
    "staff.deactivate", "staff.reactivate", "staff.password", "setting.change",
    "setting.read", "emergency-access", "audit.verify", "patient.create", "patient.edit",
    "patient.archive", "patient.restore", "patient.import", "chart.open", "medications.edit",
    "weight.add", "appointment.book", "appointment.edit", "appointment.state", "plan.create",
    "plan.edit", "plan.revise", "plan.discard", "plan.sign", "course.end", "session.start",
    "session.open", "session.edit", "session.discard", "session.sign", "session.amend",
    "vitals.record", "vitals.acknowledge", "score.record", "safety.acknowledge",
    "report.export", "report.print", "overview.view",
  };

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    g_assert_cmpstr (_tonic_audit_page_get_action_label (written[i]), !=, written[i]);
  for (guint i = 0; i < TONIC_N_ACTIONS; i++)
    {
      const char *name = tonic_action_to_string ((TonicAction) i);

      g_assert_cmpstr (_tonic_audit_page_get_action_label (name), !=, name);
    }
  g_assert_cmpstr (_tonic_audit_page_get_action_label ("some.future-action"), ==,
                   "some.future-action");
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add_func ("/admin-ui/action-labels", test_action_labels);
  g_test_add ("/admin-ui/clinical-defaults", Fixture, NULL,
              fixture_set_up, test_clinical_defaults, fixture_tear_down);
  g_test_add ("/admin-ui/add-staff", Fixture, NULL,
              fixture_set_up, test_add_staff, fixture_tear_down);
  g_test_add ("/admin-ui/edit-and-password", Fixture, NULL,
              fixture_set_up, test_edit_and_password, fixture_tear_down);
  g_test_add ("/admin-ui/deactivate", Fixture, NULL,
              fixture_set_up, test_deactivate, fixture_tear_down);
  g_test_add ("/admin-ui/audit-by-patient", Fixture, NULL,
              fixture_set_up, test_audit_by_patient, fixture_tear_down);
  g_test_add ("/admin-ui/audit-trail", Fixture, NULL,
              fixture_set_up, test_audit_trail, fixture_tear_down);

  return g_test_run ();
}
