/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-admin-view.h"
#include "tonic-overview-view.h"
#include "tonic-patients-view.h"
#include "tonic-session-page.h"
#include "tonic-toast.h"
#include "tonic-today-view.h"
#include "tonic-workspace.h"

struct _TonicWorkspace
{
  AdwBin parent_instance;

  GtkStack             *pages;
  AdwBin               *session_bin;
  AdwViewSwitcherTitle *switcher_title;
  GtkPopoverMenu       *menu_popover;
  GtkRevealer          *emergency_revealer;
  GtkLabel             *emergency_label;
  AdwViewStack         *views;
  TonicTodayView       *today_view;
  TonicPatientsView    *patients_view;
  GtkWidget            *staff_box;
  AdwAvatar            *staff_avatar;
  GtkLabel             *staff_name;
  GtkLabel             *staff_role;

  TonicStore       *store;
  TonicPractice    *practice;
  TonicPracticeDir *practice_dir;
  TonicKey         *key;
  TonicStaff       *staff;
  GCancellable     *cancellable;
  AdwMessageDialog *emergency_dialog;
  GtkEntry         *emergency_reason;
  /* The session page shown over the views, and what had the focus before. */
  TonicSessionPage *session_page;
  GtkWidget        *focus_before;  /* weak */
};

G_DEFINE_FINAL_TYPE (TonicWorkspace, tonic_workspace, ADW_TYPE_BIN)

static gboolean
allowed (TonicWorkspace *self,
         TonicAction     action)
{
  TonicRole role = tonic_staff_get_role (self->staff);

  /* The front desk never opens a session, not even under emergency access. */
  if (role == TONIC_ROLE_FRONT_DESK &&
      (action == TONIC_ACTION_CLINICAL_VIEW || action == TONIC_ACTION_SESSION_RECORD))
    return FALSE;

  if (tonic_permission_allows (role, action))
    return TRUE;

  return tonic_store_get_emergency (self->store) && tonic_permission_allows_in_emergency (action);
}

static void
update_session_actions (TonicWorkspace *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.open-session",
                                 allowed (self, TONIC_ACTION_CLINICAL_VIEW));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.start-session",
                                 allowed (self, TONIC_ACTION_SESSION_RECORD));
}

static void
show_emergency_banner (TonicWorkspace *self)
{
  gtk_label_set_label (self->emergency_label,
                       _("Emergency access is open. Everything you open is recorded in the "
                         "audit trail with your reason, until you sign out."));
  gtk_revealer_set_reveal_child (self->emergency_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.emergency-access", FALSE);
  update_session_actions (self);
}

static void
on_emergency_begun (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_begin_emergency_finish (TONIC_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      _tonic_toast_show_error (GTK_WIDGET (self->pages), error);
      return;
    }

  show_emergency_banner (self);
}

static void
on_emergency_response (AdwMessageDialog *dialog,
                       const char       *response,
                       TonicWorkspace   *self)
{
  if (g_str_equal (response, "open"))
    tonic_store_begin_emergency_async (self->store,
                                       gtk_editable_get_text (GTK_EDITABLE (self->emergency_reason)),
                                       self->cancellable, on_emergency_begun, g_object_ref (self));

  self->emergency_dialog = NULL;
  self->emergency_reason = NULL;
}

static void
on_emergency_reason_changed (GtkEditable    *editable,
                             TonicWorkspace *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (self->emergency_dialog, "open",
                                           g_utf8_strlen (reason, -1) >=
                                             TONIC_EMERGENCY_REASON_MIN_CHARS);
}

static void
emergency_access_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TonicWorkspace *self = TONIC_WORKSPACE (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Open Emergency Access?"),
                                   _("Emergency access lets you read clinical records your "
                                     "role does not normally show, until you sign out. Type "
                                     "why you need it: the reason and everything you open are "
                                     "recorded in the audit trail for review."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, for example: patient unwell "
                                                       "in recovery, clinician unavailable"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Emergency Access"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  self->emergency_dialog = ADW_MESSAGE_DIALOG (dialog);
  self->emergency_reason = GTK_ENTRY (entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_emergency_reason_changed), self);
  g_signal_connect (dialog, "response", G_CALLBACK (on_emergency_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_emergency_setting (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TonicWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gboolean offer;

  value = tonic_store_get_setting_finish (TONIC_STORE (object), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not read the emergency access setting: %s", error->message);
      return;
    }

  /* Offered to those whom it would give something. */
  offer = g_strcmp0 (value, "true") == 0 &&
          tonic_permission_allows (tonic_staff_get_role (self->staff),
                                   TONIC_ACTION_EMERGENCY_ACCESS) &&
          !tonic_permission_allows (tonic_staff_get_role (self->staff),
                                    TONIC_ACTION_CLINICAL_VIEW) &&
          !tonic_store_get_emergency (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.emergency-access", offer);
}

/* Sessions */

/* Back to the views, as they were; the page goes (saving what it holds). */
static void
close_session (TonicWorkspace *self)
{
  GtkWidget *focus = self->focus_before;

  if (self->session_page == NULL)
    return;

  self->session_page = NULL;
  gtk_stack_set_visible_child_name (self->pages, "main");
  adw_bin_set_child (self->session_bin, NULL);

  if (focus != NULL && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
  g_clear_weak_pointer (&self->focus_before);
}

static TonicSessionPage *
show_session_page (TonicWorkspace *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *page;

  if (self->session_page == NULL)
    g_set_weak_pointer (&self->focus_before, focus);

  page = tonic_session_page_new (self->store, self->staff);
  g_signal_connect_swapped (page, "back", G_CALLBACK (close_session), self);
  adw_bin_set_child (self->session_bin, page);
  self->session_page = TONIC_SESSION_PAGE (page);
  gtk_stack_set_visible_child_name (self->pages, "session");

  return self->session_page;
}

static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TonicWorkspace *self = TONIC_WORKSPACE (widget);
  gint64 session_id = g_variant_get_int64 (parameter);

  if (session_id <= 0 || !allowed (self, TONIC_ACTION_CLINICAL_VIEW))
    return;

  tonic_session_page_open (show_session_page (self), session_id);
}

static void
start_session_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TonicWorkspace *self = TONIC_WORKSPACE (widget);
  gint64 patient_id;
  gint64 appointment_id;

  g_variant_get (parameter, "(xx)", &patient_id, &appointment_id);
  if (patient_id <= 0 || appointment_id < 0 || !allowed (self, TONIC_ACTION_SESSION_RECORD))
    return;

  tonic_session_page_start (show_session_page (self), patient_id, appointment_id);
}

static void
close_session_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  close_session (TONIC_WORKSPACE (widget));
}

static void
on_open_patient (TonicWorkspace *self,
                 gint64          patient_id)
{
  adw_view_stack_set_visible_child_name (self->views, "patients");
  tonic_patients_view_show_patient (self->patients_view, patient_id);
}

static void
on_book_appointment (TonicWorkspace *self,
                     gint64          patient_id)
{
  adw_view_stack_set_visible_child_name (self->views, "today");
  tonic_today_view_new_appointment (self->today_view, patient_id);
}

static void
find_patient_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TonicWorkspace *self = TONIC_WORKSPACE (widget);

  close_session (self);
  adw_view_stack_set_visible_child_name (self->views, "patients");
  tonic_patients_view_focus_search (self->patients_view);
}

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TonicWorkspace *self = TONIC_WORKSPACE (widget);

  close_session (self);
  adw_view_stack_set_visible_child_name (self->views, "patients");
  tonic_patients_view_new_patient (self->patients_view);
}

static void
add_view (TonicWorkspace *self,
          GtkWidget      *view,
          const char     *name,
          const char     *title,
          const char     *icon_name)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->views, view, name, title);

  adw_view_stack_page_set_icon_name (page, icon_name);
}

static void
add_views (TonicWorkspace *self)
{
  TonicRole role = tonic_staff_get_role (self->staff);
  guint n_views = 2;

  /* Each view exists only for the roles that may use it: hidden is not
   * enough, so nothing of it is even built for anyone else. */
  self->today_view = TONIC_TODAY_VIEW (tonic_today_view_new (self->store, self->staff));
  add_view (self, GTK_WIDGET (self->today_view), "today", _("Today"),
            "x-office-calendar-symbolic");
  g_signal_connect_swapped (self->today_view, "open-patient", G_CALLBACK (on_open_patient), self);

  self->patients_view = TONIC_PATIENTS_VIEW (tonic_patients_view_new (self->store, self->staff));
  add_view (self, GTK_WIDGET (self->patients_view), "patients", _("Patients"),
            "system-users-symbolic");
  g_signal_connect_swapped (self->patients_view, "book-appointment",
                            G_CALLBACK (on_book_appointment), self);

  if (tonic_permission_allows (role, TONIC_ACTION_OVERVIEW_VIEW))
    {
      add_view (self, tonic_overview_view_new (self->store), "overview", _("Overview"),
                "x-office-presentation-symbolic");
      n_views++;
    }

  if (tonic_permission_allows (role, TONIC_ACTION_STAFF_MANAGE))
    {
      add_view (self,
                tonic_admin_view_new (self->store, self->practice_dir, self->key, self->staff),
                "admin", _("Admin"), "emblem-system-symbolic");
      n_views++;
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, n_views > 1);
}

static void
tonic_workspace_dispose (GObject *object)
{
  TonicWorkspace *self = TONIC_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->emergency_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->emergency_dialog));

  /* The session page goes with the rest (on lock and sign-out). */
  self->session_page = NULL;
  g_clear_weak_pointer (&self->focus_before);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_WORKSPACE);

  g_clear_object (&self->store);
  g_clear_object (&self->practice);
  g_clear_object (&self->practice_dir);
  g_clear_pointer (&self->key, tonic_key_unref);
  g_clear_object (&self->staff);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_workspace_parent_class)->dispose (object);
}

static void
tonic_workspace_class_init (TonicWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_workspace_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/window/tonic-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, pages);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, session_bin);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, menu_popover);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, emergency_revealer);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, emergency_label);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, views);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_box);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_avatar);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_name);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_role);

  gtk_widget_class_install_action (widget_class, "workspace.emergency-access", NULL,
                                   emergency_access_action);
  gtk_widget_class_install_action (widget_class, "workspace.find-patient", NULL,
                                   find_patient_action);
  gtk_widget_class_install_action (widget_class, "workspace.new-patient", NULL,
                                   new_patient_action);
  /* Any part of the workspace opens a session (x: its id) or starts one
   * ((xx): the patient's id, the appointment's or 0). */
  gtk_widget_class_install_action (widget_class, "workspace.open-session", "x",
                                   open_session_action);
  gtk_widget_class_install_action (widget_class, "workspace.start-session", "(xx)",
                                   start_session_action);
  gtk_widget_class_install_action (widget_class, "workspace.close-session", NULL,
                                   close_session_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "workspace.find-patient", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "workspace.new-patient", NULL);
}

static void
tonic_workspace_init (TonicWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_popover_menu_add_child (self->menu_popover, self->staff_box, "staff");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.emergency-access", FALSE);
}

GtkWidget *
tonic_workspace_new (TonicStore       *store,
                     TonicPractice    *practice,
                     TonicPracticeDir *practice_dir,
                     TonicKey         *key,
                     TonicStaff       *staff)
{
  TonicWorkspace *self;
  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_PRACTICE (practice), NULL);
  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (practice_dir), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (staff), NULL);

  self = g_object_new (TONIC_TYPE_WORKSPACE, NULL);
  self->store = g_object_ref (store);
  self->practice = g_object_ref (practice);
  self->practice_dir = g_object_ref (practice_dir);
  self->key = tonic_key_ref (key);
  self->staff = g_object_ref (staff);

  adw_view_switcher_title_set_title (self->switcher_title, tonic_practice_get_name (practice));
  adw_avatar_set_text (self->staff_avatar, tonic_staff_get_display_name (staff));
  gtk_label_set_label (self->staff_name, tonic_staff_get_display_name (staff));
  gtk_label_set_label (self->staff_role, tonic_role_get_label (tonic_staff_get_role (staff)));

  add_views (self);
  update_session_actions (self);

  if (tonic_store_get_emergency (store))
    show_emergency_banner (self);
  else
    tonic_store_get_setting_async (store, TONIC_SETTING_EMERGENCY_ACCESS, self->cancellable,
                                   on_emergency_setting, g_object_ref (self));

  return GTK_WIDGET (self);
}

TonicStaff *
tonic_workspace_get_staff (TonicWorkspace *self)
{
  g_return_val_if_fail (TONIC_IS_WORKSPACE (self), NULL);
  return self->staff;
}
