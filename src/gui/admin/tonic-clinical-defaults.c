/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-clinical-defaults"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tonic-clinical-defaults.h"
#include "tonic-dose.h"
#include "tonic-plan.h"
#include "tonic-toast.h"
#include "tonic-vitals.h"

/* What the page shows, and what the store holds. */
typedef struct
{
  TonicVitalsThresholds thresholds;
  int                   weight_days;
  int                   change_percent;
} Defaults;

struct _TonicClinicalDefaults
{
  AdwPreferencesGroup parent_instance;

  GtkSpinButton *pre_systolic_spin;
  GtkSpinButton *pre_diastolic_spin;
  GtkSpinButton *warn_systolic_spin;
  GtkSpinButton *warn_diastolic_spin;
  GtkSpinButton *alarm_systolic_spin;
  GtkSpinButton *alarm_diastolic_spin;
  GtkSpinButton *heart_rate_spin;
  GtkSpinButton *spo2_spin;
  GtkSpinButton *respiratory_spin;
  GtkSpinButton *weight_spin;
  GtkSpinButton *change_spin;
  GtkWidget     *save_button;
  GtkWidget     *reset_button;
  GtkLabel      *error_label;

  TonicStore   *store;
  GCancellable *cancellable;
  Defaults      stored;
  guint         n_loading;    /* settings still being read */
  gboolean      saving;
  guint         saving_setting;  /* the one being written */
  gboolean      filling;      /* the spins are being set, not by a person */
};

G_DEFINE_FINAL_TYPE (TonicClinicalDefaults, tonic_clinical_defaults, ADW_TYPE_PREFERENCES_GROUP)

/* The spins and the fields they show, in the order of the page. */
typedef struct
{
  GtkSpinButton *spin;
  int           *value;
} Field;

#define N_FIELDS 11

static guint
get_fields (TonicClinicalDefaults *self,
            Defaults              *defaults,
            Field                  fields[N_FIELDS])
{
  const Field all[] = {
    { self->pre_systolic_spin, &defaults->thresholds.pre_systolic_above },
    { self->pre_diastolic_spin, &defaults->thresholds.pre_diastolic_above },
    { self->warn_systolic_spin, &defaults->thresholds.warn_systolic_at },
    { self->warn_diastolic_spin, &defaults->thresholds.warn_diastolic_at },
    { self->alarm_systolic_spin, &defaults->thresholds.alarm_systolic_at },
    { self->alarm_diastolic_spin, &defaults->thresholds.alarm_diastolic_at },
    { self->heart_rate_spin, &defaults->thresholds.heart_rate_above },
    { self->spo2_spin, &defaults->thresholds.spo2_below },
    { self->respiratory_spin, &defaults->thresholds.respiratory_rate_below },
    { self->weight_spin, &defaults->weight_days },
    { self->change_spin, &defaults->change_percent },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (all) == N_FIELDS);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    fields[i] = all[i];

  return G_N_ELEMENTS (all);
}

static void
init_defaults (Defaults *defaults)
{
  tonic_vitals_thresholds_init_default (&defaults->thresholds);
  defaults->weight_days = TONIC_WEIGHT_MAX_AGE_DAYS;
  defaults->change_percent = (int) TONIC_DOSE_CHANGE_LIMIT_PERCENT;
}

static void
read_page (TonicClinicalDefaults *self,
           Defaults              *defaults)
{
  Field fields[N_FIELDS];
  guint n = get_fields (self, defaults, fields);

  init_defaults (defaults);
  for (guint i = 0; i < n; i++)
    {
      gtk_spin_button_update (fields[i].spin);
      *fields[i].value = gtk_spin_button_get_value_as_int (fields[i].spin);
    }
}

static void
fill_page (TonicClinicalDefaults *self,
           const Defaults        *defaults)
{
  Defaults copy = *defaults;
  Field fields[N_FIELDS];
  guint n = get_fields (self, &copy, fields);

  self->filling = TRUE;
  for (guint i = 0; i < n; i++)
    gtk_spin_button_set_value (fields[i].spin, *fields[i].value);
  self->filling = FALSE;
}

static void
show_error (TonicClinicalDefaults *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_buttons (TonicClinicalDefaults *self)
{
  Defaults shown;
  gboolean ready = self->store != NULL && self->n_loading == 0 && !self->saving;

  read_page (self, &shown);
  gtk_widget_set_sensitive (self->save_button,
                            ready && memcmp (&shown, &self->stored, sizeof shown) != 0);
  gtk_widget_set_sensitive (self->reset_button, ready);
}

static void
on_value_changed (TonicClinicalDefaults *self)
{
  if (self->filling)
    return;

  show_error (self, NULL);
  update_buttons (self);
}

/* The settings, each read and written as text */

enum
{
  SETTING_THRESHOLDS,
  SETTING_WEIGHT_AGE,
  SETTING_CHANGE_LIMIT,
  N_SETTINGS
};

static const char * const setting_names[N_SETTINGS] = {
  [SETTING_THRESHOLDS] = TONIC_SETTING_PLAN_THRESHOLDS,
  [SETTING_WEIGHT_AGE] = TONIC_SETTING_PLAN_WEIGHT_AGE,
  [SETTING_CHANGE_LIMIT] = TONIC_SETTING_DOSE_CHANGE_PERCENT,
};

static char *
format_setting (const Defaults *defaults,
                guint           setting)
{
  switch (setting)
    {
    case SETTING_THRESHOLDS:
      return tonic_vitals_thresholds_format (&defaults->thresholds);
    case SETTING_WEIGHT_AGE:
      return g_strdup_printf ("%d", defaults->weight_days);
    case SETTING_CHANGE_LIMIT:
      return g_strdup_printf ("%d", defaults->change_percent);
    default:
      g_assert_not_reached ();
    }
}

/* Takes the stored @value; one that does not parse (from an older version,
 * say) leaves the guide's value. */
static void
parse_setting (Defaults   *defaults,
               guint       setting,
               const char *value)
{
  TonicVitalsThresholds thresholds;
  guint64 number;

  switch (setting)
    {
    case SETTING_THRESHOLDS:
      if (tonic_vitals_thresholds_parse (value, &thresholds))
        defaults->thresholds = thresholds;
      break;
    case SETTING_WEIGHT_AGE:
      if (g_ascii_string_to_unsigned (value, 10, 1, TONIC_PLAN_WEIGHT_AGE_MAX_DAYS, &number, NULL))
        defaults->weight_days = (int) number;
      break;
    case SETTING_CHANGE_LIMIT:
      if (g_ascii_string_to_unsigned (value, 10, 5, 100, &number, NULL))
        defaults->change_percent = (int) number;
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  TonicClinicalDefaults *self;
  guint                  setting;
} Reading;

static void
on_setting_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree Reading *reading = user_data;
  g_autoptr(TonicClinicalDefaults) self = reading->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  value = tonic_store_get_setting_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  self->n_loading--;
  if (error != NULL)
    show_error (self, error->message);
  else if (value != NULL)
    parse_setting (&self->stored, reading->setting, value);

  if (self->n_loading == 0 && error == NULL)
    fill_page (self, &self->stored);
  update_buttons (self);
}

/* Saving: one setting after the other, from the first. */

static void save_setting (TonicClinicalDefaults *self,
                          guint                  setting);

static void
on_setting_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TonicClinicalDefaults) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_set_setting_finish (TONIC_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->saving = FALSE;
      show_error (self, error->message);
      update_buttons (self);
      return;
    }

  save_setting (self, self->saving_setting + 1);
}

static void
save_setting (TonicClinicalDefaults *self,
              guint                  setting)
{
  g_autofree char *value = NULL;
  Defaults shown;

  read_page (self, &shown);
  if (setting == N_SETTINGS)
    {
      self->stored = shown;
      self->saving = FALSE;
      _tonic_toast_show_text (GTK_WIDGET (self), _("Clinical defaults saved"));
      update_buttons (self);
      return;
    }

  self->saving_setting = setting;
  value = format_setting (&shown, setting);
  tonic_store_set_setting_async (self->store, setting_names[setting], value, self->cancellable,
                                 on_setting_saved, g_object_ref (self));
}

/* Template callbacks */

static void
on_save_clicked (TonicClinicalDefaults *self)
{
  g_autofree char *problem = NULL;
  Defaults shown;

  if (self->store == NULL || self->saving)
    return;

  read_page (self, &shown);
  problem = tonic_vitals_thresholds_check (&shown.thresholds);
  if (problem != NULL)
    {
      show_error (self, problem);
      return;
    }

  show_error (self, NULL);
  self->saving = TRUE;
  update_buttons (self);
  save_setting (self, 0);
}

static void
on_reset_clicked (TonicClinicalDefaults *self)
{
  Defaults guide;

  init_defaults (&guide);
  fill_page (self, &guide);
  show_error (self, NULL);
  update_buttons (self);
}

/* GObject */

static void
tonic_clinical_defaults_dispose (GObject *object)
{
  TonicClinicalDefaults *self = TONIC_CLINICAL_DEFAULTS (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_CLINICAL_DEFAULTS);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_clinical_defaults_parent_class)->dispose (object);
}

static void
tonic_clinical_defaults_class_init (TonicClinicalDefaultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_clinical_defaults_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/admin/tonic-clinical-defaults.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TonicClinicalDefaults, name)
  BIND (pre_systolic_spin);
  BIND (pre_diastolic_spin);
  BIND (warn_systolic_spin);
  BIND (warn_diastolic_spin);
  BIND (alarm_systolic_spin);
  BIND (alarm_diastolic_spin);
  BIND (heart_rate_spin);
  BIND (spo2_spin);
  BIND (respiratory_spin);
  BIND (weight_spin);
  BIND (change_spin);
  BIND (save_button);
  BIND (reset_button);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
tonic_clinical_defaults_init (TonicClinicalDefaults *self)
{
  Field fields[N_FIELDS];
  guint n;

  self->cancellable = g_cancellable_new ();
  init_defaults (&self->stored);
  gtk_widget_init_template (GTK_WIDGET (self));

  n = get_fields (self, &self->stored, fields);
  for (guint i = 0; i < n; i++)
    g_signal_connect_object (fields[i].spin, "value-changed", G_CALLBACK (on_value_changed),
                             self, G_CONNECT_SWAPPED);
  fill_page (self, &self->stored);
  update_buttons (self);
}

void
tonic_clinical_defaults_set_store (TonicClinicalDefaults *self,
                                   TonicStore            *store)
{
  g_return_if_fail (TONIC_IS_CLINICAL_DEFAULTS (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->n_loading = N_SETTINGS;
  for (guint i = 0; i < N_SETTINGS; i++)
    {
      Reading *reading = g_new0 (Reading, 1);

      reading->self = g_object_ref (self);
      reading->setting = i;
      tonic_store_get_setting_async (store, setting_names[i], self->cancellable,
                                     on_setting_read, reading);
    }
  update_buttons (self);
}
