/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-preferences-window.h"

struct _TonicPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkSpinButton *idle_spin;
  AdwComboRow   *weight_row;

  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (TonicPreferencesWindow, tonic_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The weight unit is stored as "kg" or "lb"; the row shows its position. */
static gboolean
unit_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "lb") ? 1 : 0);
  return TRUE;
}

static GVariant *
position_to_unit (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "lb" : "kg");
}

static void
tonic_preferences_window_dispose (GObject *object)
{
  TonicPreferencesWindow *self = TONIC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tonic_preferences_window_parent_class)->dispose (object);
}

static void
tonic_preferences_window_class_init (TonicPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE
                                               "/preferences/tonic-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, TonicPreferencesWindow, weight_row);
}

static void
tonic_preferences_window_init (TonicPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tonic_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  TonicPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TONIC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  /* Changes apply at once, as GNOME preferences do. */
  g_settings_bind (settings, "idle-lock-minutes", self->idle_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "weight-unit", self->weight_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, unit_to_position, position_to_unit,
                                NULL, NULL);

  return GTK_WIDGET (self);
}
