/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-workspace.h"

struct _TonicWorkspace
{
  AdwBin parent_instance;

  AdwWindowTitle *window_title;
  GtkPopoverMenu *menu_popover;
  AdwStatusPage  *empty_status;
  GtkWidget      *staff_box;
  AdwAvatar      *staff_avatar;
  GtkLabel       *staff_name;
  GtkLabel       *staff_role;

  TonicStore    *store;
  TonicPractice *practice;
  TonicStaff    *staff;
};

G_DEFINE_FINAL_TYPE (TonicWorkspace, tonic_workspace, ADW_TYPE_BIN)

static void
tonic_workspace_dispose (GObject *object)
{
  TonicWorkspace *self = TONIC_WORKSPACE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_WORKSPACE);

  g_clear_object (&self->store);
  g_clear_object (&self->practice);
  g_clear_object (&self->staff);

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
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, window_title);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, menu_popover);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_box);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_avatar);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_name);
  gtk_widget_class_bind_template_child (widget_class, TonicWorkspace, staff_role);
}

static void
tonic_workspace_init (TonicWorkspace *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_popover_menu_add_child (self->menu_popover, self->staff_box, "staff");
}

GtkWidget *
tonic_workspace_new (TonicStore    *store,
                     TonicPractice *practice,
                     TonicStaff    *staff)
{
  TonicWorkspace *self;
  g_autofree char *welcome = NULL;

  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_PRACTICE (practice), NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (staff), NULL);

  self = g_object_new (TONIC_TYPE_WORKSPACE, NULL);
  self->store = g_object_ref (store);
  self->practice = g_object_ref (practice);
  self->staff = g_object_ref (staff);

  adw_window_title_set_title (self->window_title, tonic_practice_get_name (practice));
  adw_avatar_set_text (self->staff_avatar, tonic_staff_get_display_name (staff));
  gtk_label_set_label (self->staff_name, tonic_staff_get_display_name (staff));
  gtk_label_set_label (self->staff_role, tonic_role_get_label (tonic_staff_get_role (staff)));

  /* Translators: %s is the signed-in staff member's name */
  welcome = g_strdup_printf (_("Welcome, %s"), tonic_staff_get_display_name (staff));
  adw_status_page_set_title (self->empty_status, welcome);
  adw_status_page_set_description (self->empty_status,
                                   _("The practice is open. Patients, the Today board and "
                                     "treatment plans will be found here."));

  return GTK_WIDGET (self);
}

TonicStaff *
tonic_workspace_get_staff (TonicWorkspace *self)
{
  g_return_val_if_fail (TONIC_IS_WORKSPACE (self), NULL);
  return self->staff;
}
