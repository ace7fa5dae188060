/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-admin-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-admin-private.h"
#include "tonic-admin-view.h"
#include "tonic-audit-page.h"
#include "tonic-clinical-defaults.h"
#include "tonic-staff-page.h"
#include "tonic-toast.h"

struct _TonicAdminView
{
  AdwBin parent_instance;

  GtkStack       *stack;
  TonicStaffPage *staff_page;
  TonicAuditPage *audit_page;
  GtkLabel       *practice_name_label;
  GtkLabel       *practice_created_label;
  GtkSwitch      *emergency_switch;
  GtkLabel       *practice_error;
  TonicClinicalDefaults *clinical_defaults;

  TonicStore   *store;
  GCancellable *cancellable;
  /* The switch is being set to what the store holds, not by a person. */
  gboolean      syncing_switch;
};

G_DEFINE_FINAL_TYPE (TonicAdminView, tonic_admin_view, ADW_TYPE_BIN)

GtkWindow *
_tonic_admin_get_parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_practice_error (TonicAdminView *self,
                     const char     *message)
{
  gtk_label_set_label (self->practice_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->practice_error), message != NULL);
}

static void
sync_switch (TonicAdminView *self,
             gboolean        active)
{
  self->syncing_switch = TRUE;
  gtk_switch_set_active (self->emergency_switch, active);
  gtk_switch_set_state (self->emergency_switch, active);
  self->syncing_switch = FALSE;
}

/* The practice */

static void
on_practice_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicAdminView) self = user_data;
  g_autoptr(TonicPractice) practice = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;

  practice = tonic_store_get_practice_finish (TONIC_STORE (object), result, &error);
  if (practice == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_practice_error (self, error->message);
      return;
    }

  gtk_label_set_label (self->practice_name_label, tonic_practice_get_name (practice));

  created = g_date_time_new_from_iso8601 (tonic_practice_get_created_at (practice), NULL);
  if (created != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (created);
      /* Translators: a day, in strftime() format, such as "22 Nov 2026" */
      g_autofree char *day = g_date_time_format (local, _("%-d %b %Y"));

      gtk_label_set_label (self->practice_created_label, day);
    }
}

static void
on_setting_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicAdminView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  value = tonic_store_get_setting_finish (TONIC_STORE (object), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_practice_error (self, error->message);
      return;
    }

  /* Unset means off. */
  sync_switch (self, g_strcmp0 (value, "true") == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->emergency_switch), TRUE);
}

static void
on_setting_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TonicAdminView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean wanted;

  if (self->emergency_switch == NULL)
    return;

  wanted = gtk_switch_get_active (self->emergency_switch);
  if (!tonic_store_set_setting_finish (TONIC_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Back to what the store still holds. */
      sync_switch (self, !wanted);
      _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  show_practice_error (self, NULL);
  gtk_switch_set_state (self->emergency_switch, wanted);
}

/* Template callbacks */

static gboolean
on_emergency_state_set (TonicAdminView *self,
                        gboolean        state)
{
  if (self->syncing_switch || self->store == NULL)
    return FALSE;

  /* The switch shows the new position; its state follows once the store
   * has it. */
  tonic_store_set_setting_async (self->store, TONIC_SETTING_EMERGENCY_ACCESS,
                                 state ? "true" : "false", self->cancellable, on_setting_saved,
                                 g_object_ref (self));
  return TRUE;
}

static void
on_visible_page_changed (TonicAdminView *self)
{
  /* The trail grows while the other pages are used. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "audit") == 0)
    tonic_audit_page_reload (self->audit_page);
}

/* GObject */

static void
tonic_admin_view_dispose (GObject *object)
{
  TonicAdminView *self = TONIC_ADMIN_VIEW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_ADMIN_VIEW);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_admin_view_parent_class)->dispose (object);
}

static void
tonic_admin_view_class_init (TonicAdminViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_admin_view_dispose;

  g_type_ensure (TONIC_TYPE_STAFF_PAGE);
  g_type_ensure (TONIC_TYPE_AUDIT_PAGE);
  g_type_ensure (TONIC_TYPE_CLINICAL_DEFAULTS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/admin/tonic-admin-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, stack);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, staff_page);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, audit_page);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, practice_name_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, practice_created_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, emergency_switch);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, practice_error);
  gtk_widget_class_bind_template_child (widget_class, TonicAdminView, clinical_defaults);
  gtk_widget_class_bind_template_callback (widget_class, on_emergency_state_set);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
}

static void
tonic_admin_view_init (TonicAdminView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tonic_admin_view_new (TonicStore       *store,
                      TonicPracticeDir *practice_dir,
                      TonicKey         *key,
                      TonicStaff       *actor)
{
  TonicAdminView *self;

  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (practice_dir), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (actor), NULL);

  self = g_object_new (TONIC_TYPE_ADMIN_VIEW, NULL);
  self->store = g_object_ref (store);

  tonic_staff_page_set_session (self->staff_page, store, practice_dir, key, actor);
  tonic_audit_page_set_store (self->audit_page, store);
  tonic_clinical_defaults_set_store (self->clinical_defaults, store);

  tonic_store_get_practice_async (store, self->cancellable, on_practice_loaded,
                                  g_object_ref (self));
  tonic_store_get_setting_async (store, TONIC_SETTING_EMERGENCY_ACCESS, self->cancellable,
                                 on_setting_loaded, g_object_ref (self));

  return GTK_WIDGET (self);
}
