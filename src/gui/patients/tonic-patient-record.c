/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patient-record"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tonic-outcomes-page.h"
#include "tonic-patient-record.h"
#include "tonic-patients-private.h"
#include "tonic-plan-view.h"
#include "tonic-session-list.h"
#include "tonic-text.h"
#include "tonic-toast.h"

/* Weights the form accepts (the store's range, TonicWeight). */
#define WEIGHT_MIN_KG      2.0
#define WEIGHT_MAX_KG      400.0
#define WEIGHT_DEFAULT_KG  70.0
/* Earlier weights listed under the latest one. */
#define WEIGHT_HISTORY_MAX 20

struct _TonicPatientRecord
{
  AdwBin parent_instance;

  GtkLabel     *name_label;
  GtkLabel     *details_label;
  GtkBox       *tags_box;
  AdwViewStack *stack;
  GtkBox       *record_box;
  GtkWidget    *book_button;
  GtkStack     *appointments_stack;
  GtkListBox   *appointments_list;
  GtkLabel     *appointments_error;

  TonicStore   *store;
  TonicStaff   *actor;
  GSettings    *settings;
  gulong        settings_handler;

  TonicPatient *patient;
  /* The reads for the patient shown: a new patient cancels them. */
  GCancellable *cancellable;
  gboolean      clinical_view;
  gboolean      clinical_edit;
  GPtrArray    *weights;  /* TonicWeight, newest first; NULL until read */
  GError       *weights_error;

  /* Only with clinical_view; each slot holds one group, rebuilt when its
   * data arrives. */
  GtkBox        *medications_slot;
  GtkBox        *weights_slot;
  GtkSpinButton *weight_spin;
  GtkButton     *weight_button;
  GtkLabel      *weight_error;
  gboolean       adding_weight;

  /* The clinical tabs, only with clinical_view. */
  TonicPlanView    *plan_view;
  TonicSessionList *session_list;
  TonicOutcomesPage *outcomes_page;
};

G_DEFINE_FINAL_TYPE (TonicPatientRecord, tonic_patient_record, ADW_TYPE_BIN)

enum {
  BOOK_APPOINTMENT,
  PATIENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
allowed (TonicPatientRecord *self,
         TonicAction         action)
{
  if (self->actor == NULL)
    return FALSE;

  if (tonic_permission_allows (tonic_staff_get_role (self->actor), action))
    return TRUE;

  /* Emergency (break-glass) access, audited by the store on each use. */
  return self->store != NULL && tonic_store_get_emergency (self->store) &&
         tonic_permission_allows_in_emergency (action);
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
clear_appointments (TonicPatientRecord *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->appointments_list, 0)) != NULL)
    gtk_list_box_remove (self->appointments_list, GTK_WIDGET (row));
}

/* Groups of rows */

static GtkWidget *
add_group (GtkBox     *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);

  return group;
}

/* A row for a recorded value; nothing for a blank one. */
static gboolean
add_value (GtkWidget  *group,
           const char *title,
           const char *value)
{
  g_autofree char *stripped = tonic_text_strip (value);

  if (*stripped == '\0')
    return FALSE;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _tonic_patients_value_row_new (title, stripped));
  return TRUE;
}

static void
add_dim_row (GtkWidget  *group,
             const char *text)
{
  GtkWidget *row = _tonic_patients_value_row_new (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
finish_group (GtkWidget *group,
              gboolean   any)
{
  if (!any)
    add_dim_row (group, _("Not recorded"));
}

static void
replace_slot (GtkBox    *slot,
              GtkWidget *child)
{
  remove_children (GTK_WIDGET (slot));
  gtk_box_append (slot, child);
}

/* The header */

static void
show_header (TonicPatientRecord *self)
{
  TonicPatient *patient = self->patient;
  g_autofree char *name = tonic_patient_dup_display_name (patient);
  g_autofree char *age = _tonic_patients_format_age (patient);
  g_autofree char *pronouns = tonic_text_strip (tonic_patient_get_pronouns (patient));
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *details = NULL;

  gtk_label_set_label (self->name_label, name);

  if (*pronouns != '\0')
    g_ptr_array_add (parts, pronouns);
  if (*age != '\0')
    g_ptr_array_add (parts, age);
  g_ptr_array_add (parts, (gpointer) tonic_patient_get_mrn (patient));
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the details under a patient's name:
   * pronouns, age and medical record number */
  details = g_strjoinv (C_("patient details", " · "), (char **) parts->pdata);
  gtk_label_set_label (self->details_label, details);

  remove_children (GTK_WIDGET (self->tags_box));
  if (self->clinical_view)
    _tonic_patients_add_course_tags (self->tags_box, patient);
  if (tonic_patient_get_archived (patient))
    gtk_box_append (self->tags_box, _tonic_patients_tag_new (_("Archived"), FALSE));
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->tags_box)) != NULL);
}

/* The Record tab */

static char *
format_address (TonicPatient *patient)
{
  const char *lines[] = {
    tonic_patient_get_address_line1 (patient),
    tonic_patient_get_address_line2 (patient),
    tonic_patient_get_city (patient),
    tonic_patient_get_region (patient),
    tonic_patient_get_postcode (patient),
  };
  GString *address = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *line = tonic_text_strip (lines[i]);

      if (*line == '\0')
        continue;
      if (address->len > 0)
        g_string_append_c (address, '\n');
      g_string_append (address, line);
    }

  return g_string_free (address, FALSE);
}

static void
build_demographics (TonicPatientRecord *self)
{
  TonicPatient *patient = self->patient;
  g_autofree char *born = NULL;
  g_autofree char *address = NULL;
  GtkWidget *group;
  gboolean any;

  group = add_group (self->record_box, _("Personal Details"));
  add_value (group, _("Legal name"), tonic_patient_get_legal_name (patient));
  add_value (group, _("Preferred name"), tonic_patient_get_preferred_name (patient));
  born = _tonic_patients_format_iso_date (tonic_patient_get_date_of_birth (patient), TRUE);
  add_value (group, _("Date of birth"), born);
  if (tonic_patient_get_sex (patient) != TONIC_SEX_UNKNOWN)
    add_value (group, _("Sex"), tonic_sex_get_label (tonic_patient_get_sex (patient)));
  add_value (group, _("Gender"), tonic_patient_get_gender (patient));
  add_value (group, _("Pronouns"), tonic_patient_get_pronouns (patient));

  group = add_group (self->record_box, _("Contact"));
  any = add_value (group, _("Mobile phone"), tonic_patient_get_phone_mobile (patient));
  any |= add_value (group, _("Other phone"), tonic_patient_get_phone_other (patient));
  any |= add_value (group, _("E-mail"), tonic_patient_get_email (patient));
  address = format_address (patient);
  any |= add_value (group, _("Address"), address);
  finish_group (group, any);

  group = add_group (self->record_box, _("Emergency Contact"));
  any = add_value (group, _("Name"), tonic_patient_get_emergency_name (patient));
  any |= add_value (group, _("Relationship"), tonic_patient_get_emergency_relationship (patient));
  any |= add_value (group, _("Phone"), tonic_patient_get_emergency_phone (patient));
  finish_group (group, any);

  group = add_group (self->record_box, _("Referral"));
  any = add_value (group, _("Referring clinician"), tonic_patient_get_referrer_name (patient));
  any |= add_value (group, _("Practice"), tonic_patient_get_referrer_practice (patient));
  any |= add_value (group, _("Phone"), tonic_patient_get_referrer_phone (patient));
  any |= add_value (group, _("E-mail"), tonic_patient_get_referrer_email (patient));
  finish_group (group, any);

  group = add_group (self->record_box, _("Administrative Note"));
  any = add_value (group, _("Note"), tonic_patient_get_note (patient));
  finish_group (group, any);
}

/* Medications */

static GtkWidget *
build_medications_group (TonicPatientRecord *self,
                         GPtrArray          *medications,
                         const GError       *error)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Current Medications"));

  if (error != NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      return group;
    }

  if (medications == NULL)
    {
      add_dim_row (group, _("Reading…"));
      return group;
    }

  if (medications->len == 0)
    {
      add_dim_row (group, _("No current medications recorded"));
      return group;
    }

  for (guint i = 0; i < medications->len; i++)
    {
      TonicMedication *medication = g_ptr_array_index (medications, i);
      TonicDrugClass classes = tonic_medication_get_classes (medication);
      g_autofree char *dose = tonic_text_strip (tonic_medication_get_dose (medication));
      GtkWidget *row;

      row = _tonic_patients_value_row_new (tonic_medication_get_name (medication),
                                           *dose != '\0' ? dose : NULL);
      /* The classes that matter around ketamine, as warnings. */
      for (guint c = 0; c < TONIC_N_DRUG_CLASSES; c++)
        {
          TonicDrugClass klass = tonic_drug_class_nth (c);

          if (classes & klass)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                       _tonic_patients_tag_new (tonic_drug_class_get_label (klass),
                                                                TRUE));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static void
on_medications_loaded (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TonicPatientRecord) self = user_data;
  g_autoptr(GPtrArray) medications = NULL;
  g_autoptr(GError) error = NULL;

  medications = tonic_store_list_medications_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL ||
      self->medications_slot == NULL)
    return;

  replace_slot (self->medications_slot, build_medications_group (self, medications, error));
}

/* Weights */

static gboolean
in_pounds (TonicPatientRecord *self)
{
  return _tonic_patients_weight_in_pounds (self->settings);
}

static void
show_weight_error (TonicPatientRecord *self,
                   const char         *message)
{
  if (self->weight_error == NULL)
    return;

  gtk_label_set_label (self->weight_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->weight_error), message != NULL);
}

static void load_weights (TonicPatientRecord *self);

static void
on_weight_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicPatientRecord) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_add_weight_finish (TONIC_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
        return;

      self->adding_weight = FALSE;
      if (self->weight_spin != NULL)
        gtk_editable_set_editable (GTK_EDITABLE (self->weight_spin), TRUE);
      show_weight_error (self, error->message);
      return;
    }

  /* Gone meanwhile (a lock): nothing to show it in. */
  if (self->store == NULL)
    return;

  self->adding_weight = FALSE;
  _tonic_toast_show (GTK_WIDGET (self), adw_toast_new (_("Weight added")));
  load_weights (self);
}

static void
on_add_weight_clicked (TonicPatientRecord *self)
{
  g_autofree char *now = NULL;
  double value;
  double kilograms;

  if (self->adding_weight || self->patient == NULL || self->weight_spin == NULL)
    return;

  /* What was typed counts, even before the spin button took it. */
  gtk_spin_button_update (self->weight_spin);
  value = gtk_spin_button_get_value (self->weight_spin);
  kilograms = in_pounds (self) ? value * TONIC_KG_PER_LB : value;
  /* Stored to 0.1 kg. */
  kilograms = round (kilograms * 10.0) / 10.0;

  if (kilograms < WEIGHT_MIN_KG || kilograms > WEIGHT_MAX_KG)
    {
      g_autofree char *low = _tonic_patients_format_weight (WEIGHT_MIN_KG, in_pounds (self));
      g_autofree char *high = _tonic_patients_format_weight (WEIGHT_MAX_KG, in_pounds (self));
      g_autofree char *message = NULL;

      /* Translators: both are weights with their unit, such as "2.0 kg" and "400.0 kg" */
      message = g_strdup_printf (_("Enter a weight from %s to %s"), low, high);
      show_weight_error (self, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->weight_spin), "error");
      return;
    }

  show_weight_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->weight_spin), "error");
  /* Nothing turns insensitive (the focus stays where it is); a second
   * press waits for the first. */
  self->adding_weight = TRUE;
  gtk_editable_set_editable (GTK_EDITABLE (self->weight_spin), FALSE);

  now = tonic_text_now_utc ();
  tonic_store_add_weight_async (self->store, tonic_patient_get_id (self->patient), kilograms, now,
                                self->cancellable, on_weight_added, g_object_ref (self));
}

static GtkWidget *
build_weight_form (TonicPatientRecord *self,
                   double              start_kilograms)
{
  gboolean pounds = in_pounds (self);
  double factor = pounds ? 1.0 / TONIC_KG_PER_LB : 1.0;
  GtkWidget *row;
  GtkWidget *spin;
  GtkWidget *unit;
  GtkWidget *button;

  row = _tonic_patients_value_row_new (_("Add weight"),
                                       pounds ? _("Measured now, in pounds")
                                              : _("Measured now, in kilograms"));

  /* The store's range in the unit shown, inside it after rounding. */
  spin = gtk_spin_button_new_with_range (ceil (WEIGHT_MIN_KG * factor * 10.0) / 10.0,
                                         floor (WEIGHT_MAX_KG * factor * 10.0) / 10.0, 0.1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             round (start_kilograms * factor * 10.0) / 10.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pounds ? _("Weight in pounds") : _("Weight in kilograms"), -1);
  /* Enter adds it (GTK 4.8's spin button has no "activate" of its own). */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                            G_CALLBACK (on_add_weight_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  /* Translators: the units of weight, after the number */
  unit = gtk_label_new (pounds ? _("lb") : _("kg"));
  gtk_widget_add_css_class (unit, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);

  button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_weight_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  self->weight_spin = GTK_SPIN_BUTTON (spin);
  self->weight_button = GTK_BUTTON (button);

  return row;
}

static void
show_weights (TonicPatientRecord *self)
{
  GtkWidget *group;
  GtkWidget *label;
  gboolean pounds = in_pounds (self);
  double start = WEIGHT_DEFAULT_KG;

  if (self->weights_slot == NULL)
    return;

  self->weight_spin = NULL;
  self->weight_button = NULL;
  self->weight_error = NULL;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Weight"));

  if (self->weights_error != NULL)
    {
      add_dim_row (group, self->weights_error->message);
    }
  else if (self->weights == NULL)
    {
      add_dim_row (group, _("Reading…"));
    }
  else if (self->weights->len == 0)
    {
      add_dim_row (group, _("No weight recorded"));
    }
  else
    {
      TonicWeight *latest = g_ptr_array_index (self->weights, 0);
      g_autofree char *weight = _tonic_patients_format_weight (latest->kilograms, pounds);
      g_autofree char *when = _tonic_patients_format_moment (latest->measured_at);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      start = latest->kilograms;
      /* Translators: the latest weight and when it was measured, such as
       * "79.8 kg · Tue 3 Mar 2026, 14:05" */
      subtitle = g_strdup_printf (_("%s · %s"), weight, when);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 _tonic_patients_value_row_new (_("Latest weight"), subtitle));

      if (self->weights->len > 1)
        {
          row = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Earlier weights"));
          for (guint i = 1; i < self->weights->len && i <= WEIGHT_HISTORY_MAX; i++)
            {
              TonicWeight *earlier = g_ptr_array_index (self->weights, i);
              g_autofree char *value = _tonic_patients_format_weight (earlier->kilograms, pounds);
              g_autofree char *at = _tonic_patients_format_moment (earlier->measured_at);

              adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                        _tonic_patients_value_row_new (value, at));
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
    }

  if (self->clinical_edit && self->weights != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), build_weight_form (self, start));

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_add_css_class (label, "error");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  self->weight_error = GTK_LABEL (label);

  replace_slot (self->weights_slot, group);
}

static void
on_weights_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicPatientRecord) self = user_data;
  g_autoptr(GPtrArray) weights = NULL;
  g_autoptr(GError) error = NULL;

  weights = tonic_store_list_weights_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  g_clear_pointer (&self->weights, g_ptr_array_unref);
  g_clear_error (&self->weights_error);
  self->weights = g_steal_pointer (&weights);
  self->weights_error = g_steal_pointer (&error);
  show_weights (self);
}

static void
load_weights (TonicPatientRecord *self)
{
  tonic_store_list_weights_async (self->store, tonic_patient_get_id (self->patient),
                                  self->cancellable, on_weights_loaded, g_object_ref (self));
}

static void
on_weight_unit_changed (TonicPatientRecord *self)
{
  if (self->patient != NULL && !self->adding_weight)
    show_weights (self);
}

/* Clinical content: built for those who may read it, and only for them. */
static void
build_clinical (TonicPatientRecord *self)
{
  TonicPatient *patient = self->patient;
  g_autofree char *indications = NULL;
  GtkWidget *group;
  gboolean any;

  group = add_group (self->record_box, _("Indications"));
  indications = tonic_indication_format_labels (tonic_patient_get_indications (patient));
  any = add_value (group, _("Treated for"), indications);
  finish_group (group, any);

  group = add_group (self->record_box, _("Allergies"));
  any = add_value (group, _("Allergies"), tonic_patient_get_allergies (patient));
  if (!any)
    add_dim_row (group, _("None recorded"));

  self->medications_slot = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (self->record_box, GTK_WIDGET (self->medications_slot));
  replace_slot (self->medications_slot, build_medications_group (self, NULL, NULL));

  self->weights_slot = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (self->record_box, GTK_WIDGET (self->weights_slot));
  show_weights (self);

  tonic_store_list_medications_async (self->store, tonic_patient_get_id (patient),
                                      self->cancellable, on_medications_loaded,
                                      g_object_ref (self));
  load_weights (self);
}

/* The Appointments tab */

static GtkWidget *
build_appointment_row (TonicAppointment *appointment)
{
  TonicAppointmentState state = tonic_appointment_get_state (appointment);
  GDateTime *start = tonic_appointment_get_start (appointment);
  g_autofree char *when = _tonic_patients_format_date_time (start);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *tag;

  /* Translators: an appointment's type, chair and length, such as
   * "IV infusion · Chair 2 · 100 min" */
  subtitle = g_strdup_printf (_("%s · Chair %d · %d min"),
                              tonic_appointment_type_get_label (
                                tonic_appointment_get_appointment_type (appointment)),
                              tonic_appointment_get_chair (appointment),
                              tonic_appointment_get_minutes (appointment));
  row = _tonic_patients_value_row_new (when, subtitle);

  tag = _tonic_patients_tag_new (tonic_appointment_state_get_label (state), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  if (!tonic_appointment_state_holds_chair (state))
    gtk_widget_add_css_class (row, "dim-label");

  return row;
}

static void
on_appointments_loaded (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TonicPatientRecord) self = user_data;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;

  appointments = tonic_store_list_patient_appointments_finish (TONIC_STORE (object), result,
                                                               &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  clear_appointments (self);
  if (appointments == NULL)
    {
      gtk_label_set_label (self->appointments_error, error->message);
      gtk_stack_set_visible_child_name (self->appointments_stack, "error");
      return;
    }

  for (guint i = 0; i < appointments->len; i++)
    gtk_list_box_append (self->appointments_list,
                         build_appointment_row (g_ptr_array_index (appointments, i)));

  gtk_stack_set_visible_child_name (self->appointments_stack,
                                    appointments->len > 0 ? "list" : "empty");
}

static void
load_appointments (TonicPatientRecord *self)
{
  gtk_stack_set_visible_child_name (self->appointments_stack, "loading");
  tonic_store_list_patient_appointments_async (self->store, tonic_patient_get_id (self->patient),
                                               self->cancellable, on_appointments_loaded,
                                               g_object_ref (self));
}

static void
update_book_button (TonicPatientRecord *self)
{
  gboolean archived = self->patient != NULL && tonic_patient_get_archived (self->patient);

  gtk_widget_set_visible (self->book_button, allowed (self, TONIC_ACTION_APPOINTMENT_EDIT));
  gtk_widget_set_sensitive (self->book_button, self->patient != NULL && !archived);
  gtk_widget_set_tooltip_text (self->book_button,
                               archived ? _("Restore the patient to book appointments") : NULL);
}

/* The clinical tabs */

static void
on_patient_reread (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicPatientRecord) self = user_data;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patients = tonic_store_list_patients_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (patients == NULL)
    {
      _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < patients->len && patient == NULL; i++)
    if (self->patient != NULL &&
        tonic_patient_get_id (g_ptr_array_index (patients, i)) ==
        tonic_patient_get_id (self->patient))
      patient = g_object_ref (g_ptr_array_index (patients, i));
  if (patient == NULL)
    return;

  /* The course fields changed; what the tabs show stays. */
  g_set_object (&self->patient, patient);
  show_header (self);
  g_signal_emit (self, signals[PATIENT_CHANGED], 0, patient);
}

/* A plan was signed or its course ended: the store has recomputed the
 * patient's phase and flags. Their row is read again the way the list
 * reads it (by the MRN, which no other patient's starts with), not as a
 * chart being opened: the chart is open already, and its opening is in
 * the audit trail once. */
static void
on_plan_changed (TonicPatientRecord *self)
{
  TonicPatientQuery query = { 0 };

  if (self->patient == NULL)
    return;

  query.text = tonic_patient_get_mrn (self->patient);
  query.status = TONIC_PATIENT_STATUS_ANY;
  tonic_store_list_patients_async (self->store, &query, 0, 2, self->cancellable,
                                   on_patient_reread, g_object_ref (self));
}

/* Plan, Sessions and Outcomes exist for those who may read clinical
 * content, and only for them. */
static void
update_clinical_tabs (TonicPatientRecord *self)
{
  AdwViewStackPage *page;

  if (self->clinical_view && self->plan_view == NULL)
    {
      self->plan_view = TONIC_PLAN_VIEW (tonic_plan_view_new ());
      tonic_plan_view_set_session (self->plan_view, self->store, self->actor);
      g_signal_connect_swapped (self->plan_view, "changed", G_CALLBACK (on_plan_changed), self);
      page = adw_view_stack_add_titled_with_icon (self->stack, GTK_WIDGET (self->plan_view),
                                                  "plan", _("_Plan"),
                                                  "document-edit-symbolic");
      adw_view_stack_page_set_use_underline (page, TRUE);

      self->session_list = tonic_session_list_new ();
      tonic_session_list_set_session (self->session_list, self->store, self->actor);
      page = adw_view_stack_add_titled_with_icon (self->stack, GTK_WIDGET (self->session_list),
                                                  "sessions", _("_Sessions"),
                                                  "view-list-bullet-symbolic");
      adw_view_stack_page_set_use_underline (page, TRUE);

      self->outcomes_page = tonic_outcomes_page_new ();
      tonic_outcomes_page_set_session (self->outcomes_page, self->store, self->actor);
      page = adw_view_stack_add_titled_with_icon (self->stack, GTK_WIDGET (self->outcomes_page),
                                                  "outcomes", _("_Outcomes"),
                                                  "x-office-presentation-symbolic");
      adw_view_stack_page_set_use_underline (page, TRUE);
    }
  else if (!self->clinical_view && self->plan_view != NULL)
    {
      adw_view_stack_remove (self->stack, GTK_WIDGET (self->plan_view));
      adw_view_stack_remove (self->stack, GTK_WIDGET (self->session_list));
      adw_view_stack_remove (self->stack, GTK_WIDGET (self->outcomes_page));
      self->plan_view = NULL;
      self->session_list = NULL;
      self->outcomes_page = NULL;
    }
}

/* Template callbacks */

static void
on_book_clicked (TonicPatientRecord *self)
{
  if (self->patient != NULL && !tonic_patient_get_archived (self->patient))
    g_signal_emit (self, signals[BOOK_APPOINTMENT], 0, tonic_patient_get_id (self->patient));
}

/* Building */

static void
reset_reads (TonicPatientRecord *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->adding_weight = FALSE;
}

static void
drop_content (TonicPatientRecord *self)
{
  self->medications_slot = NULL;
  self->weights_slot = NULL;
  self->weight_spin = NULL;
  self->weight_button = NULL;
  self->weight_error = NULL;
  g_clear_pointer (&self->weights, g_ptr_array_unref);
  g_clear_error (&self->weights_error);

  remove_children (GTK_WIDGET (self->record_box));
  remove_children (GTK_WIDGET (self->tags_box));
  clear_appointments (self);
  gtk_label_set_label (self->name_label, "");
  gtk_label_set_label (self->details_label, "");
}

/* GObject */

static void
tonic_patient_record_dispose (GObject *object)
{
  TonicPatientRecord *self = TONIC_PATIENT_RECORD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->settings_handler, self->settings);

  self->medications_slot = NULL;
  self->weights_slot = NULL;
  self->weight_spin = NULL;
  self->weight_button = NULL;
  self->weight_error = NULL;
  self->plan_view = NULL;
  self->session_list = NULL;
  self->outcomes_page = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PATIENT_RECORD);

  g_clear_object (&self->patient);
  g_clear_pointer (&self->weights, g_ptr_array_unref);
  g_clear_error (&self->weights_error);
  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_patient_record_parent_class)->dispose (object);
}

static void
tonic_patient_record_class_init (TonicPatientRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_patient_record_dispose;

  /**
   * TonicPatientRecord::book-appointment:
   * @patient_id: the patient shown
   *
   * The Book Appointment button was pressed.
   */
  signals[BOOK_APPOINTMENT] =
    g_signal_new ("book-appointment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * TonicPatientRecord::patient-changed:
   * @patient: the patient shown, read again
   *
   * The patient's course fields changed (a plan was signed, a course
   * ended) and the record shows them; the list may read its rows again.
   */
  signals[PATIENT_CHANGED] =
    g_signal_new ("patient-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_PATIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/patients/tonic-patient-record.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, name_label);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, details_label);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, tags_box);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, stack);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, record_box);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, book_button);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, appointments_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, appointments_list);
  gtk_widget_class_bind_template_child (widget_class, TonicPatientRecord, appointments_error);
  gtk_widget_class_bind_template_callback (widget_class, on_book_clicked);
}

static void
tonic_patient_record_init (TonicPatientRecord *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
tonic_patient_record_set_session (TonicPatientRecord *self,
                                  TonicStore         *store,
                                  TonicStaff         *actor,
                                  GSettings          *settings)
{
  g_return_if_fail (TONIC_IS_PATIENT_RECORD (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_STAFF (actor));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->store, store);
  g_set_object (&self->actor, actor);

  g_clear_signal_handler (&self->settings_handler, self->settings);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    self->settings_handler = g_signal_connect_swapped (settings, "changed::weight-unit",
                                                       G_CALLBACK (on_weight_unit_changed), self);
}

void
tonic_patient_record_show (TonicPatientRecord *self,
                           TonicPatient       *patient)
{
  gboolean same;

  g_return_if_fail (TONIC_IS_PATIENT_RECORD (self));
  g_return_if_fail (TONIC_IS_PATIENT (patient));
  g_return_if_fail (self->store != NULL);

  same = self->patient != NULL &&
         tonic_patient_get_id (self->patient) == tonic_patient_get_id (patient);

  reset_reads (self);
  drop_content (self);
  g_set_object (&self->patient, patient);

  /* Emergency access may have begun since the last patient. */
  self->clinical_view = allowed (self, TONIC_ACTION_CLINICAL_VIEW);
  self->clinical_edit = allowed (self, TONIC_ACTION_CLINICAL_EDIT);

  show_header (self);
  build_demographics (self);
  if (self->clinical_view)
    build_clinical (self);
  update_book_button (self);
  load_appointments (self);

  update_clinical_tabs (self);
  if (self->plan_view != NULL)
    {
      tonic_plan_view_show (self->plan_view, patient);
      tonic_session_list_show (self->session_list, patient);
      tonic_outcomes_page_show (self->outcomes_page, patient);
    }

  if (!same)
    adw_view_stack_set_visible_child_name (self->stack, "record");
}

void
tonic_patient_record_clear (TonicPatientRecord *self)
{
  g_return_if_fail (TONIC_IS_PATIENT_RECORD (self));

  reset_reads (self);
  drop_content (self);
  g_clear_object (&self->patient);
  update_book_button (self);
  if (self->plan_view != NULL)
    {
      tonic_plan_view_clear (self->plan_view);
      tonic_session_list_clear (self->session_list);
      tonic_outcomes_page_clear (self->outcomes_page);
    }
}

TonicPatient *
tonic_patient_record_get_patient (TonicPatientRecord *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_RECORD (self), NULL);

  return self->patient;
}

void
tonic_patient_record_reload (TonicPatientRecord *self)
{
  g_return_if_fail (TONIC_IS_PATIENT_RECORD (self));

  if (self->patient != NULL)
    {
      g_autoptr(TonicPatient) patient = g_object_ref (self->patient);

      tonic_patient_record_show (self, patient);
    }
}

GtkSpinButton *
_tonic_patient_record_get_weight_spin (TonicPatientRecord *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_RECORD (self), NULL);

  return self->weight_spin;
}

GtkButton *
_tonic_patient_record_get_weight_button (TonicPatientRecord *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_RECORD (self), NULL);

  return self->weight_button;
}
