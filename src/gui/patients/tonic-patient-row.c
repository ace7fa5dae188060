/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patient-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-patient-row.h"
#include "tonic-patients-private.h"

struct _TonicPatientRow
{
  AdwBin parent_instance;

  GtkLabel *name_label;
  GtkLabel *summary_label;
  GtkBox   *tags_box;

  TonicPatient *patient;
  gboolean      clinical;
};

G_DEFINE_FINAL_TYPE (TonicPatientRow, tonic_patient_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_tags (TonicPatientRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_box_remove (self->tags_box, child);

  if (self->patient != NULL)
    {
      if (self->clinical)
        _tonic_patients_add_course_tags (self->tags_box, self->patient);
      if (tonic_patient_get_archived (self->patient))
        gtk_box_append (self->tags_box, _tonic_patients_tag_new (_("Archived"), FALSE));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->tags_box)) != NULL);
}

static void
update (TonicPatientRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;

  update_tags (self);

  if (self->patient == NULL)
    {
      /* Its page is on its way: a placeholder, never an empty row. */
      gtk_label_set_label (self->name_label, "…");
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  name = tonic_patient_dup_display_name (self->patient);
  summary = _tonic_patients_format_summary (self->patient);
  gtk_label_set_label (self->name_label, name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
  gtk_label_set_label (self->summary_label, summary);
}

static void
tonic_patient_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TonicPatientRow *self = TONIC_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TonicPatientRow *self = TONIC_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      tonic_patient_row_set_patient (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_row_dispose (GObject *object)
{
  TonicPatientRow *self = TONIC_PATIENT_ROW (object);

  g_clear_object (&self->patient);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PATIENT_ROW);

  G_OBJECT_CLASS (tonic_patient_row_parent_class)->dispose (object);
}

static void
tonic_patient_row_class_init (TonicPatientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tonic_patient_row_get_property;
  object_class->set_property = tonic_patient_row_set_property;
  object_class->dispose = tonic_patient_row_dispose;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL, TONIC_TYPE_PATIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/patients/tonic-patient-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRow, tags_box);
}

static void
tonic_patient_row_init (TonicPatientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tonic_patient_row_new (void)
{
  return g_object_new (TONIC_TYPE_PATIENT_ROW, NULL);
}

TonicPatient *
tonic_patient_row_get_patient (TonicPatientRow *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_ROW (self), NULL);

  return self->patient;
}

void
tonic_patient_row_set_patient (TonicPatientRow *self,
                               TonicPatient    *patient)
{
  g_return_if_fail (TONIC_IS_PATIENT_ROW (self));
  g_return_if_fail (patient == NULL || TONIC_IS_PATIENT (patient));

  if (!g_set_object (&self->patient, patient))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

void
tonic_patient_row_set_clinical (TonicPatientRow *self,
                                gboolean         clinical)
{
  g_return_if_fail (TONIC_IS_PATIENT_ROW (self));

  if (self->clinical == !!clinical)
    return;

  self->clinical = !!clinical;
  update_tags (self);
}
