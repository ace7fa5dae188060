/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-sign-in-page.h"

struct _TonicSignInPage
{
  AdwBin parent_instance;

  AdwStatusPage *status;
  AdwEntryRow   *username_row;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkButton     *sign_in_button;
  GtkStack      *button_stack;

  TonicStore    *store;
  TonicPractice *practice;
  GCancellable  *cancellable;
  guint          wait_source;
  gboolean       busy;
  gboolean       waiting;
};

G_DEFINE_FINAL_TYPE (TonicSignInPage, tonic_sign_in_page, ADW_TYPE_BIN)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (TonicSignInPage *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "label");
  /* Not insensitive: the focused field keeps its focus while we wait. */
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            !busy && !self->waiting &&
                            *gtk_editable_get_text (GTK_EDITABLE (self->username_row)) != '\0' &&
                            *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0');
}

static void
show_error (TonicSignInPage *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
on_wait_tick (gpointer user_data)
{
  TonicSignInPage *self = user_data;
  guint wait = tonic_store_get_sign_in_wait (self->store,
                                             gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  g_autofree char *message = NULL;

  if (wait == 0)
    {
      self->wait_source = 0;
      self->waiting = FALSE;
      show_error (self, NULL);
      set_busy (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  message = g_strdup_printf (ngettext ("Too many failed attempts. Try again in %u second.",
                                       "Too many failed attempts. Try again in %u seconds.",
                                       wait),
                             wait);
  show_error (self, message);
  return G_SOURCE_CONTINUE;
}

static void
start_waiting (TonicSignInPage *self)
{
  g_clear_handle_id (&self->wait_source, g_source_remove);
  self->waiting = TRUE;
  set_busy (self, FALSE);
  if (on_wait_tick (self) == G_SOURCE_CONTINUE)
    self->wait_source = g_timeout_add_seconds (1, on_wait_tick, self);
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TonicSignInPage) self = user_data;
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = tonic_store_sign_in_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  if (staff == NULL)
    {
      if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_THROTTLED))
        start_waiting (self);
      else
        show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, staff);
}

static void
submit (TonicSignInPage *self)
{
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy || self->waiting || self->store == NULL || *username == '\0' ||
      *password == '\0')
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  tonic_store_sign_in_async (self->store, username, password, self->cancellable, on_signed_in,
                             g_object_ref (self));
}

static void
on_sign_in_clicked (TonicSignInPage *self)
{
  submit (self);
}

static void
on_username_activated (TonicSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_password_activated (TonicSignInPage *self)
{
  submit (self);
}

static void
on_field_changed (TonicSignInPage *self)
{
  if (!self->busy)
    set_busy (self, FALSE);
}

static void
focus_first_empty_field (TonicSignInPage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->username_row)) != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}

static void
tonic_sign_in_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tonic_sign_in_page_parent_class)->map (widget);
  /* Focus can only be given once the page is on screen. */
  focus_first_empty_field (TONIC_SIGN_IN_PAGE (widget));
}

static void
tonic_sign_in_page_dispose (GObject *object)
{
  TonicSignInPage *self = TONIC_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_SIGN_IN_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->practice);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_sign_in_page_parent_class)->dispose (object);
}

static void
tonic_sign_in_page_class_init (TonicSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_sign_in_page_dispose;
  widget_class->map = tonic_sign_in_page_map;

  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_STAFF);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/unlock/tonic-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicSignInPage, status);
  gtk_widget_class_bind_template_child (widget_class, TonicSignInPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TonicSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TonicSignInPage, button_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_username_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
}

static void
tonic_sign_in_page_init (TonicSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tonic_sign_in_page_reset (TonicSignInPage *self,
                          TonicStore      *store,
                          TonicPractice   *practice,
                          TonicStaff      *locked_by)
{
  g_return_if_fail (TONIC_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_PRACTICE (practice));

  /* Anything still on its way belongs to the previous person. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->wait_source, g_source_remove);
  self->waiting = FALSE;

  g_set_object (&self->store, store);
  g_set_object (&self->practice, practice);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);

  if (locked_by != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M");
      g_autofree char *description = NULL;

      /* Translators: the first %s is a staff member's name, the second a time such as 14:05 */
      description = g_strdup_printf (_("Locked by %s at %s. Sign in to continue — as the same "
                                       "person or someone else."),
                                     tonic_staff_get_display_name (locked_by), time);
      adw_status_page_set_icon_name (self->status, "system-lock-screen-symbolic");
      adw_status_page_set_title (self->status, _("Locked"));
      adw_status_page_set_description (self->status, description);
      gtk_editable_set_text (GTK_EDITABLE (self->username_row),
                             tonic_staff_get_username (locked_by));
    }
  else
    {
      adw_status_page_set_icon_name (self->status, "io.github.tonicrecords.Tonic");
      adw_status_page_set_title (self->status, tonic_practice_get_name (practice));
      adw_status_page_set_description (self->status, _("Sign in with your own staff account"));
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), "");
    }

  set_busy (self, FALSE);
  focus_first_empty_field (self);
}

void
tonic_sign_in_page_sign_in (TonicSignInPage *self,
                            const char      *username,
                            const char      *password)
{
  g_return_if_fail (TONIC_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  submit (self);
}
