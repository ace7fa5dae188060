/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-unlock-page.h"
#include "tonic-vault-error.h"

struct _TonicUnlockPage
{
  AdwBin parent_instance;

  AdwStatusPage *status;
  AdwEntryRow   *username_row;
  AdwEntryRow   *password_row;
  GtkLabel      *password_error;
  GtkButton     *password_button;
  AdwEntryRow   *recovery_row;
  GtkLabel      *recovery_error;
  GtkButton     *recovery_button;
  GtkSpinner    *spinner;

  TonicPracticeDir *practice_dir;
  GCancellable     *cancellable;
  TonicUnlockMethod method;
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (TonicUnlockPage, tonic_unlock_page, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
update_sensitivity (TonicUnlockPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_button),
                            !self->busy && *row_text (self->username_row) != '\0' &&
                            *row_text (self->password_row) != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_button),
                            !self->busy && *row_text (self->recovery_row) != '\0');
  /* Not insensitive: the focused field keeps its focus while we wait. */
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->recovery_row), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
}

static void
set_busy (TonicUnlockPage *self,
          gboolean         busy)
{
  self->busy = busy;
  update_sensitivity (self);
}

static void
on_unlocked (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TonicUnlockPage) self = user_data;
  g_autoptr(TonicKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = tonic_key_slots_unlock_finish (TONIC_KEY_SLOTS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (key == NULL)
    {
      if (g_error_matches (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_PASSWORD))
        {
          show_message (self->password_error,
                        _("That username and password do not unlock this practice."));
          gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      else if (g_error_matches (error, TONIC_VAULT_ERROR,
                                TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY))
        {
          show_message (self->recovery_error,
                        _("That recovery key has a typing mistake. Check each group of four "
                          "characters against the recovery sheet."));
          gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
        }
      else if (g_error_matches (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY))
        {
          show_message (self->recovery_error,
                        _("That recovery key does not open this practice. It may belong to "
                          "another practice."));
          gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
        }
      else
        {
          show_message (self->method == TONIC_UNLOCK_PASSWORD ? self->password_error
                                                              : self->recovery_error,
                        error->message);
        }
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  g_signal_emit (self, signals[UNLOCKED], 0, key);
}

static void
unlock (TonicUnlockPage  *self,
        TonicUnlockMethod method)
{
  TonicKeySlots *slots;

  if (self->busy || self->practice_dir == NULL)
    return;

  show_message (self->password_error, NULL);
  show_message (self->recovery_error, NULL);
  self->method = method;
  set_busy (self, TRUE);

  slots = tonic_practice_dir_get_slots (self->practice_dir);
  if (method == TONIC_UNLOCK_PASSWORD)
    tonic_key_slots_unlock_async (slots, row_text (self->username_row),
                                  row_text (self->password_row), self->cancellable,
                                  on_unlocked, g_object_ref (self));
  else
    tonic_key_slots_unlock_async (slots, NULL, row_text (self->recovery_row),
                                  self->cancellable, on_unlocked, g_object_ref (self));
}

static void
on_unlock_password (TonicUnlockPage *self)
{
  if (*row_text (self->username_row) != '\0' && *row_text (self->password_row) != '\0')
    unlock (self, TONIC_UNLOCK_PASSWORD);
}

static void
on_unlock_recovery (TonicUnlockPage *self)
{
  if (*row_text (self->recovery_row) != '\0')
    unlock (self, TONIC_UNLOCK_RECOVERY_KEY);
}

static void
on_username_activated (TonicUnlockPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_field_changed (TonicUnlockPage *self)
{
  update_sensitivity (self);
}

static void
tonic_unlock_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tonic_unlock_page_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (TONIC_UNLOCK_PAGE (widget)->username_row));
}

static void
tonic_unlock_page_dispose (GObject *object)
{
  TonicUnlockPage *self = TONIC_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_UNLOCK_PAGE);

  g_clear_object (&self->practice_dir);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_unlock_page_parent_class)->dispose (object);
}

static void
tonic_unlock_page_class_init (TonicUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_unlock_page_dispose;
  widget_class->map = tonic_unlock_page_map;

  signals[UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_KEY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/unlock/tonic-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, status);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, password_error);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, password_button);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, recovery_error);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, recovery_button);
  gtk_widget_class_bind_template_child (widget_class, TonicUnlockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_password);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_recovery);
  gtk_widget_class_bind_template_callback (widget_class, on_username_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
}

static void
tonic_unlock_page_init (TonicUnlockPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->method = TONIC_UNLOCK_PASSWORD;
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tonic_unlock_page_reset (TonicUnlockPage  *self,
                         TonicPracticeDir *practice_dir,
                         const char       *reason)
{
  g_return_if_fail (TONIC_IS_UNLOCK_PAGE (self));
  g_return_if_fail (TONIC_IS_PRACTICE_DIR (practice_dir));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->practice_dir, practice_dir);
  adw_status_page_set_description (self->status, reason);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  show_message (self->password_error, NULL);
  show_message (self->recovery_error, NULL);
  set_busy (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}

TonicUnlockMethod
tonic_unlock_page_get_method (TonicUnlockPage *self)
{
  g_return_val_if_fail (TONIC_IS_UNLOCK_PAGE (self), TONIC_UNLOCK_PASSWORD);
  return self->method;
}

void
tonic_unlock_page_take_credentials (TonicUnlockPage  *self,
                                    char            **username,
                                    char            **password)
{
  g_return_if_fail (TONIC_IS_UNLOCK_PAGE (self));
  g_return_if_fail (username != NULL && password != NULL);

  *username = g_strdup (row_text (self->username_row));
  *password = g_strdup (row_text (self->password_row));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}
