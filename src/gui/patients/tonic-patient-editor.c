/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patient-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-patient-editor.h"
#include "tonic-patients-private.h"
#include "tonic-search.h"
#include "tonic-text.h"
#include "tonic-time.h"

#define FIELD_KEY      "tonic-patient-field"
#define FORM_KEY       "tonic-medication-form"
#define DRUG_CLASS_KEY "tonic-drug-class"

typedef struct _MedicationForm MedicationForm;

struct _TonicPatientEditor
{
  AdwBin parent_instance;

  GtkScrolledWindow *scroller;
  GtkRevealer       *duplicate_revealer;
  GtkLabel          *duplicate_label;
  GtkWidget         *open_existing_button;
  GtkWidget         *save_anyway_button;
  AdwEntryRow       *legal_name_row;
  AdwEntryRow       *preferred_name_row;
  AdwEntryRow       *pronouns_row;
  AdwEntryRow       *date_of_birth_row;
  GtkLabel          *dob_hint;
  GtkWidget         *dob_choice;
  GtkToggleButton   *dob_choice_a;
  GtkToggleButton   *dob_choice_b;
  AdwComboRow       *sex_row;
  AdwEntryRow       *gender_row;
  AdwEntryRow       *phone_mobile_row;
  AdwEntryRow       *phone_other_row;
  AdwEntryRow       *email_row;
  AdwEntryRow       *address_line1_row;
  AdwEntryRow       *address_line2_row;
  AdwEntryRow       *city_row;
  AdwEntryRow       *region_row;
  AdwEntryRow       *postcode_row;
  AdwEntryRow       *emergency_name_row;
  AdwEntryRow       *emergency_relationship_row;
  AdwEntryRow       *emergency_phone_row;
  AdwEntryRow       *referrer_name_row;
  AdwEntryRow       *referrer_practice_row;
  AdwEntryRow       *referrer_phone_row;
  AdwEntryRow       *referrer_email_row;
  GtkLabel          *name_error;
  GtkLabel          *birth_error;
  GtkLabel          *sex_error;
  GtkLabel          *contact_error;
  GtkLabel          *address_error;
  GtkLabel          *emergency_error;
  GtkLabel          *referrer_error;
  GtkBox            *clinical_box;
  GtkWidget         *note_frame;
  GtkTextView       *note_view;
  GtkLabel          *note_error;
  GtkLabel          *form_error;

  /* By field: its entry (NULL for other kinds of field), the widget marked
   * while it is wrong, the label under its group, and its problem. */
  AdwEntryRow *entries[TONIC_N_PATIENT_FIELDS];
  GtkWidget   *marks[TONIC_N_PATIENT_FIELDS];
  GtkLabel    *labels[TONIC_N_PATIENT_FIELDS];
  char        *messages[TONIC_N_PATIENT_FIELDS];

  /* Built only with CLINICAL_EDIT. */
  GtkCheckButton      *indication_checks[TONIC_N_INDICATIONS];
  GtkLabel            *indications_error;
  GtkWidget           *allergies_frame;
  GtkTextView         *allergies_view;
  GtkLabel            *allergies_error;
  AdwPreferencesGroup *medications_group;
  GtkWidget           *add_medication_button;
  GtkWidget           *medications_placeholder;
  GtkLabel            *medications_error;
  GPtrArray           *medications;  /* MedicationForm, owned by their rows */

  TonicStore   *store;
  TonicStaff   *actor;
  gboolean      clinical_edit;
  GCancellable *cancellable;

  TonicPatient *patient;              /* being edited; NULL for a new one */
  TonicPatient *initial;              /* what the form started with */
  GPtrArray    *initial_medications;  /* TonicMedication; NULL until read */

  /* The date of birth read from what was typed. */
  char     *dob_iso;
  GDate     dob_a;
  GDate     dob_b;
  gboolean  dob_ambiguous;

  /* The name and date someone chose to save although others have them. */
  char     *acknowledged_duplicate;
  gint64    duplicate_id;

  /* While saving: the values handed to the store, and the result. */
  GPtrArray    *pending;
  GPtrArray    *pending_medications;
  gboolean      creating;
  TonicPatient *saved;

  gboolean busy;
  gboolean filling;
};

struct _MedicationForm
{
  TonicPatientEditor *editor;
  AdwExpanderRow     *expander;
  AdwEntryRow        *name_row;
  AdwEntryRow        *dose_row;
  GtkWidget          *class_rows[TONIC_N_DRUG_CLASSES];
  GtkCheckButton     *class_checks[TONIC_N_DRUG_CLASSES];
  GtkWidget          *remove_button;
  /* The classes someone ticked or unticked: suggestions leave them be. */
  TonicDrugClass      touched;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (TonicPatientEditor, tonic_patient_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The name of each field, for a group's label when several of its fields
 * are wrong at once. */
static const char * const field_names[TONIC_N_PATIENT_FIELDS] = {
  [TONIC_PATIENT_FIELD_MRN] = N_("Medical record number"),
  [TONIC_PATIENT_FIELD_LEGAL_NAME] = N_("Legal name"),
  [TONIC_PATIENT_FIELD_PREFERRED_NAME] = N_("Preferred name"),
  [TONIC_PATIENT_FIELD_PRONOUNS] = N_("Pronouns"),
  [TONIC_PATIENT_FIELD_DATE_OF_BIRTH] = N_("Date of birth"),
  [TONIC_PATIENT_FIELD_SEX] = N_("Sex"),
  [TONIC_PATIENT_FIELD_GENDER] = N_("Gender"),
  [TONIC_PATIENT_FIELD_PHONE_MOBILE] = N_("Mobile phone"),
  [TONIC_PATIENT_FIELD_PHONE_OTHER] = N_("Other phone"),
  [TONIC_PATIENT_FIELD_EMAIL] = N_("E-mail"),
  [TONIC_PATIENT_FIELD_ADDRESS_LINE1] = N_("Address line 1"),
  [TONIC_PATIENT_FIELD_ADDRESS_LINE2] = N_("Address line 2"),
  [TONIC_PATIENT_FIELD_CITY] = N_("Town or city"),
  [TONIC_PATIENT_FIELD_REGION] = N_("Region"),
  [TONIC_PATIENT_FIELD_POSTCODE] = N_("Postcode"),
  [TONIC_PATIENT_FIELD_EMERGENCY_NAME] = N_("Name"),
  [TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP] = N_("Relationship"),
  [TONIC_PATIENT_FIELD_EMERGENCY_PHONE] = N_("Phone"),
  [TONIC_PATIENT_FIELD_REFERRER_NAME] = N_("Name"),
  [TONIC_PATIENT_FIELD_REFERRER_PRACTICE] = N_("Practice"),
  [TONIC_PATIENT_FIELD_REFERRER_PHONE] = N_("Phone"),
  [TONIC_PATIENT_FIELD_REFERRER_EMAIL] = N_("E-mail"),
  [TONIC_PATIENT_FIELD_INDICATIONS] = N_("Indications"),
  [TONIC_PATIENT_FIELD_ALLERGIES] = N_("Allergies"),
  [TONIC_PATIENT_FIELD_NOTE] = N_("Administrative note"),
};

/* Where a text field lives in TonicPatientFields; NULL for the others. */
static const char **
field_text (TonicPatientFields *fields,
            TonicPatientField   field)
{
  switch (field)
    {
    case TONIC_PATIENT_FIELD_MRN: return &fields->mrn;
    case TONIC_PATIENT_FIELD_LEGAL_NAME: return &fields->legal_name;
    case TONIC_PATIENT_FIELD_PREFERRED_NAME: return &fields->preferred_name;
    case TONIC_PATIENT_FIELD_PRONOUNS: return &fields->pronouns;
    case TONIC_PATIENT_FIELD_DATE_OF_BIRTH: return &fields->date_of_birth;
    case TONIC_PATIENT_FIELD_GENDER: return &fields->gender;
    case TONIC_PATIENT_FIELD_PHONE_MOBILE: return &fields->phone_mobile;
    case TONIC_PATIENT_FIELD_PHONE_OTHER: return &fields->phone_other;
    case TONIC_PATIENT_FIELD_EMAIL: return &fields->email;
    case TONIC_PATIENT_FIELD_ADDRESS_LINE1: return &fields->address_line1;
    case TONIC_PATIENT_FIELD_ADDRESS_LINE2: return &fields->address_line2;
    case TONIC_PATIENT_FIELD_CITY: return &fields->city;
    case TONIC_PATIENT_FIELD_REGION: return &fields->region;
    case TONIC_PATIENT_FIELD_POSTCODE: return &fields->postcode;
    case TONIC_PATIENT_FIELD_EMERGENCY_NAME: return &fields->emergency_name;
    case TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP: return &fields->emergency_relationship;
    case TONIC_PATIENT_FIELD_EMERGENCY_PHONE: return &fields->emergency_phone;
    case TONIC_PATIENT_FIELD_REFERRER_NAME: return &fields->referrer_name;
    case TONIC_PATIENT_FIELD_REFERRER_PRACTICE: return &fields->referrer_practice;
    case TONIC_PATIENT_FIELD_REFERRER_PHONE: return &fields->referrer_phone;
    case TONIC_PATIENT_FIELD_REFERRER_EMAIL: return &fields->referrer_email;
    case TONIC_PATIENT_FIELD_ALLERGIES: return &fields->allergies;
    case TONIC_PATIENT_FIELD_NOTE: return &fields->note;
    case TONIC_PATIENT_FIELD_SEX:
    case TONIC_PATIENT_FIELD_INDICATIONS:
    default:
      return NULL;
    }
}

/* Small helpers */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
text_view_dup (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* @text trimmed, kept alive by @keep. */
static const char *
keep_stripped (GPtrArray  *keep,
               const char *text)
{
  char *stripped = tonic_text_strip (text);

  g_ptr_array_add (keep, stripped);
  return stripped;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *x = tonic_text_strip (a);
  g_autofree char *y = tonic_text_strip (b);

  return g_str_equal (x, y);
}

static guint
drug_class_index (TonicDrugClass klass)
{
  for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
    if (tonic_drug_class_nth (i) == klass)
      return i;

  g_return_val_if_reached (0);
}

/* What the form holds */

static TonicDrugClass
form_classes (MedicationForm *form)
{
  TonicDrugClass classes = TONIC_DRUG_CLASS_NONE;

  for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
    if (gtk_check_button_get_active (form->class_checks[i]))
      classes |= tonic_drug_class_nth (i);

  return classes;
}

/* Fills @fields from the form; strings stay valid while @keep does. */
static void
collect (TonicPatientEditor *self,
         TonicPatientFields *fields,
         GPtrArray          *keep)
{
  TonicPatientFields initial = { 0 };
  guint sex;

  if (self->patient != NULL)
    tonic_patient_get_fields (self->patient, &initial);

  *fields = (TonicPatientFields) { 0 };
  /* What the form does not show is kept as it was. */
  fields->id = initial.id;
  fields->uuid = initial.uuid;
  fields->mrn = initial.mrn;
  fields->archived = initial.archived;
  fields->created_at = initial.created_at;
  fields->updated_at = initial.updated_at;
  fields->indications = initial.indications;
  fields->allergies = initial.allergies;

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      const char **slot = field_text (fields, i);

      if (self->entries[i] != NULL && slot != NULL && i != TONIC_PATIENT_FIELD_DATE_OF_BIRTH)
        *slot = keep_stripped (keep, row_text (self->entries[i]));
    }

  if (self->dob_iso != NULL)
    fields->date_of_birth = self->dob_iso;
  else if (self->dob_ambiguous)
    fields->date_of_birth = NULL;
  else
    fields->date_of_birth = keep_stripped (keep, row_text (self->date_of_birth_row));

  sex = adw_combo_row_get_selected (self->sex_row);
  fields->sex = sex < TONIC_N_SEXES ? (TonicSex) sex : TONIC_SEX_UNKNOWN;

  {
    g_autofree char *note = text_view_dup (self->note_view);

    fields->note = keep_stripped (keep, note);
  }

  if (self->clinical_edit)
    {
      g_autofree char *allergies = text_view_dup (self->allergies_view);

      fields->indications = TONIC_INDICATION_NONE;
      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        if (gtk_check_button_get_active (self->indication_checks[i]))
          fields->indications |= tonic_indication_nth (i);
      fields->allergies = keep_stripped (keep, allergies);
    }
}

/* The current medications as typed (TonicMedication). */
static GPtrArray *
collect_medications (TonicPatientEditor *self)
{
  GPtrArray *medications = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->medications != NULL && i < self->medications->len; i++)
    {
      MedicationForm *form = g_ptr_array_index (self->medications, i);
      g_autofree char *name = tonic_text_strip (row_text (form->name_row));
      g_autofree char *dose = tonic_text_strip (row_text (form->dose_row));

      g_ptr_array_add (medications, tonic_medication_new (0, name, dose, form_classes (form)));
    }

  return medications;
}

static gboolean
medications_changed (TonicPatientEditor *self)
{
  g_autoptr(GPtrArray) now = NULL;

  /* Not read yet (or unreadable): nothing to save over. */
  if (!self->clinical_edit || self->initial_medications == NULL)
    return FALSE;

  now = collect_medications (self);
  if (now->len != self->initial_medications->len)
    return TRUE;

  for (guint i = 0; i < now->len; i++)
    {
      TonicMedication *a = g_ptr_array_index (now, i);
      TonicMedication *b = g_ptr_array_index (self->initial_medications, i);

      if (!same_text (tonic_medication_get_name (a), tonic_medication_get_name (b)) ||
          !same_text (tonic_medication_get_dose (a), tonic_medication_get_dose (b)) ||
          tonic_medication_get_classes (a) != tonic_medication_get_classes (b))
        return TRUE;
    }

  return FALSE;
}

static gboolean
fields_changed (TonicPatientEditor *self)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  TonicPatientFields now;
  TonicPatientFields before = { 0 };

  if (self->initial == NULL)
    return FALSE;

  collect (self, &now, keep);
  tonic_patient_get_fields (self->initial, &before);

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      const char **a = field_text (&now, i);
      const char **b = field_text (&before, i);

      if (a != NULL && !same_text (*a, *b))
        return TRUE;
    }

  return now.sex != before.sex || now.indications != before.indications;
}

/* Messages next to the fields */

static void
update_group_label (TonicPatientEditor *self,
                    GtkLabel           *label)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_messages = 0;

  if (label == NULL)
    return;

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    if (self->labels[i] == label && self->messages[i] != NULL)
      n_messages++;

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      if (self->labels[i] != label || self->messages[i] == NULL)
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');

      if (n_messages > 1)
        /* Translators: a field of the patient form and what is wrong with it,
         * when several fields of one group are wrong, such as
         * "Mobile phone: Enter 6 to 15 digits" */
        g_string_append_printf (text, _("%s: %s"), _(field_names[i]), self->messages[i]);
      else
        g_string_append (text, self->messages[i]);
    }

  gtk_label_set_label (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

/* Shows @message (taken; NULL clears) for @field. */
static void
set_message (TonicPatientEditor *self,
             TonicPatientField   field,
             char               *message)
{
  g_free (self->messages[field]);
  self->messages[field] = message;

  if (self->marks[field] != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (self->marks[field], "error");
      else
        gtk_widget_remove_css_class (self->marks[field], "error");
    }

  update_group_label (self, self->labels[field]);
}

static void
show_form_error (TonicPatientEditor *self,
                 const char         *message)
{
  gtk_label_set_label (self->form_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), message != NULL);
}

static void
set_medications_error (TonicPatientEditor *self,
                       const char         *message)
{
  if (self->medications_error == NULL)
    return;

  gtk_label_set_label (self->medications_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->medications_error), message != NULL);
}

static void
clear_messages (TonicPatientEditor *self)
{
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    set_message (self, i, NULL);

  for (guint i = 0; self->medications != NULL && i < self->medications->len; i++)
    {
      MedicationForm *form = g_ptr_array_index (self->medications, i);

      gtk_widget_remove_css_class (GTK_WIDGET (form->name_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (form->dose_row), "error");
    }

  set_medications_error (self, NULL);
  show_form_error (self, NULL);
}

static void
scroll_to_top (TonicPatientEditor *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* Checks every field (and medication); shows each problem next to its
 * field and focuses the first. */
static gboolean
validate (TonicPatientEditor *self,
          gboolean            focus)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) medication_problems = g_string_new (NULL);
  TonicPatientFields fields;
  GtkWidget *first = NULL;
  gboolean ok = TRUE;

  clear_messages (self);
  collect (self, &fields, keep);

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      char *message = NULL;

      /* Only what the form shows: the MRN is the store's, clinical fields
       * are only checked for those who can change them. */
      if (i == TONIC_PATIENT_FIELD_MRN)
        continue;
      if (!self->clinical_edit &&
          (i == TONIC_PATIENT_FIELD_INDICATIONS || i == TONIC_PATIENT_FIELD_ALLERGIES))
        continue;

      if (i == TONIC_PATIENT_FIELD_DATE_OF_BIRTH && self->dob_ambiguous && self->dob_iso == NULL)
        message = g_strdup (_("Choose which of the two dates you mean"));
      else
        message = tonic_patient_check_field (&fields, i, NULL);

      if (message == NULL)
        continue;

      ok = FALSE;
      set_message (self, i, message);
      if (first == NULL)
        first = self->entries[i] != NULL ? GTK_WIDGET (self->entries[i]) : self->marks[i];
    }

  for (guint i = 0; self->medications != NULL && i < self->medications->len; i++)
    {
      MedicationForm *form = g_ptr_array_index (self->medications, i);
      g_autofree char *name_problem = tonic_medication_check_name (row_text (form->name_row));
      g_autofree char *dose_problem = tonic_medication_check_dose (row_text (form->dose_row));

      if (name_problem == NULL && dose_problem == NULL)
        continue;

      ok = FALSE;
      adw_expander_row_set_expanded (form->expander, TRUE);
      if (name_problem != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (form->name_row), "error");
          if (first == NULL)
            first = GTK_WIDGET (form->name_row);
        }
      if (dose_problem != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (form->dose_row), "error");
          if (first == NULL)
            first = GTK_WIDGET (form->dose_row);
        }

      if (medication_problems->len > 0)
        g_string_append_c (medication_problems, '\n');
      /* Translators: the number of a medication in the form and what is
       * wrong with it, such as "Medication 2: Enter the medication’s name" */
      g_string_append_printf (medication_problems, _("Medication %u: %s"), i + 1,
                              name_problem != NULL ? name_problem : dose_problem);
    }

  if (medication_problems->len > 0)
    set_medications_error (self, medication_problems->str);

  if (focus && first != NULL)
    gtk_widget_grab_focus (first);

  return ok;
}

/* The date of birth */

static void
update_dob (TonicPatientEditor *self)
{
  g_autofree char *typed = tonic_text_strip (row_text (self->date_of_birth_row));
  GDate a, b;

  g_clear_pointer (&self->dob_iso, g_free);
  self->dob_ambiguous = FALSE;
  g_date_clear (&self->dob_a, 1);
  g_date_clear (&self->dob_b, 1);
  gtk_widget_set_visible (GTK_WIDGET (self->dob_hint), FALSE);
  gtk_widget_set_visible (self->dob_choice, FALSE);

  if (*typed == '\0' ||
      !tonic_search_parse_date (typed, tonic_date_order_from_locale (), &a, &b))
    return;

  if (!g_date_valid (&b))
    {
      g_autofree char *shown = _tonic_patients_format_date (&a, TRUE);

      self->dob_iso = tonic_date_format_iso (&a);
      gtk_label_set_label (self->dob_hint, shown);
      gtk_widget_set_visible (GTK_WIDGET (self->dob_hint), TRUE);
      return;
    }

  /* Both readings are dates: ask rather than guess. */
  {
    g_autofree char *first = _tonic_patients_format_date (&a, TRUE);
    g_autofree char *second = _tonic_patients_format_date (&b, TRUE);
    gboolean filling = self->filling;

    self->dob_ambiguous = TRUE;
    self->dob_a = a;
    self->dob_b = b;

    self->filling = TRUE;
    gtk_toggle_button_set_active (self->dob_choice_a, FALSE);
    gtk_toggle_button_set_active (self->dob_choice_b, FALSE);
    self->filling = filling;

    gtk_button_set_label (GTK_BUTTON (self->dob_choice_a), first);
    gtk_button_set_label (GTK_BUTTON (self->dob_choice_b), second);
    gtk_widget_set_visible (self->dob_choice, TRUE);
  }
}

static void
on_dob_choice_toggled (TonicPatientEditor *self)
{
  const GDate *chosen = NULL;

  if (!self->dob_ambiguous)
    return;

  if (gtk_toggle_button_get_active (self->dob_choice_a))
    chosen = &self->dob_a;
  else if (gtk_toggle_button_get_active (self->dob_choice_b))
    chosen = &self->dob_b;

  g_clear_pointer (&self->dob_iso, g_free);
  if (chosen != NULL)
    self->dob_iso = tonic_date_format_iso (chosen);

  if (!self->filling)
    {
      set_message (self, TONIC_PATIENT_FIELD_DATE_OF_BIRTH, NULL);
      gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
    }
}

/* Busy while saving */

/* Insensitive while saving, unless it has the focus (GTK 4.8 warns when
 * the focus widget turns insensitive; it stays usable for that moment). */
static void
set_idle_only (GtkWidget *widget,
               gboolean   busy)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (busy && focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    return;

  gtk_widget_set_sensitive (widget, !busy);
}

static void
set_busy (TonicPatientEditor *self,
          gboolean            busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;

  /* Read-only rather than insensitive, so that the focused field keeps its
   * focus while the store answers. */
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    if (self->entries[i] != NULL)
      gtk_editable_set_editable (GTK_EDITABLE (self->entries[i]), !busy);
  gtk_text_view_set_editable (self->note_view, !busy);
  set_idle_only (GTK_WIDGET (self->sex_row), busy);
  set_idle_only (self->dob_choice, busy);
  set_idle_only (self->open_existing_button, busy);
  set_idle_only (self->save_anyway_button, busy);

  if (self->clinical_edit)
    {
      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        set_idle_only (GTK_WIDGET (self->indication_checks[i]), busy);
      gtk_text_view_set_editable (self->allergies_view, !busy);
      if (busy)
        set_idle_only (self->add_medication_button, TRUE);
      else
        gtk_widget_set_sensitive (self->add_medication_button,
                                  self->initial_medications != NULL);

      for (guint i = 0; i < self->medications->len; i++)
        {
          MedicationForm *form = g_ptr_array_index (self->medications, i);

          gtk_editable_set_editable (GTK_EDITABLE (form->name_row), !busy);
          gtk_editable_set_editable (GTK_EDITABLE (form->dose_row), !busy);
          set_idle_only (form->remove_button, busy);
          for (guint c = 0; c < TONIC_N_DRUG_CLASSES; c++)
            set_idle_only (GTK_WIDGET (form->class_checks[c]), busy);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Medications */

static void
update_medication_title (MedicationForm *form)
{
  g_autofree char *name = tonic_text_strip (row_text (form->name_row));
  g_autofree char *dose = tonic_text_strip (row_text (form->dose_row));
  TonicDrugClass classes = form_classes (form);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->expander),
                                 *name != '\0' ? name : _("New medication"));

  if (*dose != '\0')
    g_ptr_array_add (parts, dose);
  for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
    if (classes & tonic_drug_class_nth (i))
      g_ptr_array_add (parts, (gpointer) tonic_drug_class_get_label (tonic_drug_class_nth (i)));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between a medication's dose and classes */
  subtitle = g_strjoinv (C_("medication details", " · "), (char **) parts->pdata);
  adw_expander_row_set_subtitle (form->expander, subtitle);
}

static void
update_medications_placeholder (TonicPatientEditor *self)
{
  if (self->medications_placeholder == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->medications_placeholder),
                                 self->initial_medications == NULL
                                   ? _("Reading…") : _("No current medications"));
  gtk_widget_set_visible (self->medications_placeholder, self->medications->len == 0);
}

static void
on_medication_name_changed (MedicationForm *form)
{
  TonicPatientEditor *self = form->editor;
  TonicDrugClass suggested = tonic_medication_suggest_classes (row_text (form->name_row));

  /* Suggestions tick (or untick) only what nobody has chosen by hand. */
  form->updating = TRUE;
  for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
    {
      TonicDrugClass klass = tonic_drug_class_nth (i);

      if (!(form->touched & klass))
        gtk_check_button_set_active (form->class_checks[i], (suggested & klass) != 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (form->class_rows[i]),
                                   (suggested & klass) ? _("Suggested from the name") : "");
    }
  form->updating = FALSE;

  gtk_widget_remove_css_class (GTK_WIDGET (form->name_row), "error");
  if (!self->filling)
    set_medications_error (self, NULL);
  update_medication_title (form);
}

static void
on_medication_dose_changed (MedicationForm *form)
{
  gtk_widget_remove_css_class (GTK_WIDGET (form->dose_row), "error");
  update_medication_title (form);
}

static void
on_class_toggled (GtkCheckButton *check,
                  MedicationForm *form)
{
  if (!form->updating)
    form->touched |= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), DRUG_CLASS_KEY));

  update_medication_title (form);
}

static void
on_remove_medication_clicked (MedicationForm *form)
{
  TonicPatientEditor *self = form->editor;
  GtkWidget *expander = GTK_WIDGET (form->expander);

  if (self->busy)
    return;

  g_ptr_array_remove (self->medications, form);
  set_medications_error (self, NULL);
  /* Frees @form with its row. */
  adw_preferences_group_remove (self->medications_group, expander);
  update_medications_placeholder (self);
  gtk_widget_grab_focus (self->add_medication_button);
}

static MedicationForm *
add_medication_form (TonicPatientEditor *self,
                     TonicMedication    *medication)
{
  MedicationForm *form = g_new0 (MedicationForm, 1);
  GtkWidget *expander;
  GtkWidget *button;
  g_autofree char *remove_label = NULL;

  form->editor = self;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  g_object_set_data_full (G_OBJECT (expander), FORM_KEY, form, g_free);
  form->expander = ADW_EXPANDER_ROW (expander);

  form->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->name_row), _("_Name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (form->name_row), TRUE);
  adw_expander_row_add_row (form->expander, GTK_WIDGET (form->name_row));

  form->dose_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->dose_row), _("_Dose and timing"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (form->dose_row), TRUE);
  adw_expander_row_add_row (form->expander, GTK_WIDGET (form->dose_row));

  for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
    {
      TonicDrugClass klass = tonic_drug_class_nth (i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tonic_drug_class_get_label (klass));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (check), DRUG_CLASS_KEY, GUINT_TO_POINTER (klass));
      g_signal_connect (check, "toggled", G_CALLBACK (on_class_toggled), form);
      adw_expander_row_add_row (form->expander, row);

      form->class_rows[i] = row;
      form->class_checks[i] = GTK_CHECK_BUTTON (check);
    }

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Medication"));
  /* Translators: the accessible name of the button that removes a
   * medication from the patient form */
  remove_label = g_strdup (_("Remove this medication"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_remove_medication_clicked), form);
  adw_expander_row_add_action (form->expander, button);
  form->remove_button = button;

  if (medication != NULL)
    {
      TonicDrugClass classes = tonic_medication_get_classes (medication);

      gtk_editable_set_text (GTK_EDITABLE (form->name_row), tonic_medication_get_name (medication));
      gtk_editable_set_text (GTK_EDITABLE (form->dose_row), tonic_medication_get_dose (medication));
      /* What was saved was someone's choice: suggestions leave it be. */
      form->touched = TONIC_DRUG_CLASS_ALL;
      form->updating = TRUE;
      for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
        gtk_check_button_set_active (form->class_checks[i],
                                     (classes & tonic_drug_class_nth (i)) != 0);
      form->updating = FALSE;
    }

  g_signal_connect_swapped (form->name_row, "changed", G_CALLBACK (on_medication_name_changed),
                            form);
  g_signal_connect_swapped (form->dose_row, "changed", G_CALLBACK (on_medication_dose_changed),
                            form);
  update_medication_title (form);

  adw_preferences_group_add (self->medications_group, expander);
  g_ptr_array_add (self->medications, form);
  update_medications_placeholder (self);

  return form;
}

static void
remove_medication_forms (TonicPatientEditor *self)
{
  while (self->medications != NULL && self->medications->len > 0)
    {
      MedicationForm *form = g_ptr_array_steal_index (self->medications,
                                                      self->medications->len - 1);

      adw_preferences_group_remove (self->medications_group, GTK_WIDGET (form->expander));
    }
}

static void
on_add_medication_clicked (TonicPatientEditor *self)
{
  MedicationForm *form;

  if (self->busy || self->initial_medications == NULL)
    return;

  form = add_medication_form (self, NULL);
  adw_expander_row_set_expanded (form->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (form->name_row));
}

static void
on_medications_read (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TonicPatientEditor) self = user_data;
  g_autoptr(GPtrArray) medications = NULL;
  g_autoptr(GError) error = NULL;

  medications = tonic_store_list_medications_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (medications == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("The current medications could not be read, so they cannot "
                                   "be changed now: %s"),
                                 error->message);
      set_medications_error (self, message);
      return;
    }

  self->filling = TRUE;
  for (guint i = 0; i < medications->len; i++)
    add_medication_form (self, g_ptr_array_index (medications, i));
  self->filling = FALSE;

  self->initial_medications = g_steal_pointer (&medications);
  gtk_widget_set_sensitive (self->add_medication_button, !self->busy);
  update_medications_placeholder (self);
}

/* Building the clinical part, for those who may change it */

static GtkLabel *
add_error_label (GtkBox *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static GtkWidget *
add_clinical_group (TonicPatientEditor *self,
                    const char         *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_set_margin_top (group, 18);
  gtk_box_append (self->clinical_box, group);

  return group;
}

static void on_text_changed (GtkTextBuffer      *buffer,
                             TonicPatientEditor *self);

static void
build_clinical (TonicPatientEditor *self)
{
  GtkWidget *group;
  GtkWidget *frame;
  GtkWidget *view;
  GtkWidget *button;
  GtkWidget *placeholder;

  group = add_clinical_group (self, _("Indications"));
  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tonic_indication_get_label (tonic_indication_nth (i)));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->indication_checks[i] = GTK_CHECK_BUTTON (check);
    }
  self->indications_error = add_error_label (self->clinical_box);
  self->labels[TONIC_PATIENT_FIELD_INDICATIONS] = self->indications_error;

  group = add_clinical_group (self, _("Allergies"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Drug and other allergies, with the reaction"));
  frame = gtk_frame_new (NULL);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "tonic-text-field");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Allergies"), -1);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (on_text_changed), self);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  self->allergies_frame = frame;
  self->allergies_view = GTK_TEXT_VIEW (view);
  self->allergies_error = add_error_label (self->clinical_box);
  self->marks[TONIC_PATIENT_FIELD_ALLERGIES] = frame;
  self->labels[TONIC_PATIENT_FIELD_ALLERGIES] = self->allergies_error;

  group = add_clinical_group (self, _("Current Medications"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Classes that matter around ketamine are ticked from "
                                           "the name as it is typed; check them."));
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "list-add-symbolic",
                                      "label", _("_Add Medication"),
                                      "use-underline", TRUE,
                                      NULL));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_medication_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->add_medication_button = button;

  placeholder = _tonic_patients_value_row_new (_("No current medications"), NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), placeholder);
  self->medications_placeholder = placeholder;
  self->medications_group = ADW_PREFERENCES_GROUP (group);
  self->medications_error = add_error_label (self->clinical_box);
}

/* Saving */

static void
finish_save (TonicPatientEditor *self,
             const char         *problem)
{
  g_autoptr(TonicPatient) saved = g_steal_pointer (&self->saved);

  g_clear_pointer (&self->pending_medications, g_ptr_array_unref);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SAVED], 0, saved, self->creating, problem);
}

static void
on_medications_written (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TonicPatientEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!tonic_store_set_medications_finish (TONIC_STORE (object), result, &error))
    {
      g_warning ("Could not save the medications of a patient: %s", error->message);
      /* Translators: %s says what went wrong */
      problem = g_strdup_printf (_("The patient was saved, but their medications were not: %s"),
                                 error->message);
    }

  /* A form gone meanwhile (a lock) has nobody to tell. */
  if (self->store == NULL)
    return;

  finish_save (self, problem);
}

/* A refused save: next to the field when a check of the form names one. */
static void
show_store_error (TonicPatientEditor *self,
                  const GError       *error)
{
  if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID) &&
      !validate (self, TRUE))
    return;

  show_form_error (self, error->message);
}

static void
on_patient_written (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicPatientEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicPatient *patient;

  if (self->creating)
    patient = tonic_store_create_patient_finish (TONIC_STORE (object), result, &error);
  else
    patient = tonic_store_update_patient_finish (TONIC_STORE (object), result, &error);

  g_clear_pointer (&self->pending, g_ptr_array_unref);

  /* A form gone meanwhile (a lock) has nobody to tell. */
  if (self->store == NULL)
    {
      g_clear_object (&patient);
      return;
    }

  if (patient == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      show_store_error (self, error);
      return;
    }

  g_set_object (&self->saved, patient);
  g_object_unref (patient);

  if (medications_changed (self))
    {
      self->pending_medications = collect_medications (self);
      /* Not cancellable: the patient is saved, their medications follow. */
      tonic_store_set_medications_async (self->store, tonic_patient_get_id (patient),
                                         self->pending_medications, NULL,
                                         on_medications_written, g_object_ref (self));
      return;
    }

  finish_save (self, NULL);
}

static void
write_patient (TonicPatientEditor *self)
{
  TonicPatientFields fields;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  collect (self, &fields, self->pending);
  /* The date chosen or read is kept as well, until the store answers. */
  if (fields.date_of_birth != NULL)
    fields.date_of_birth = keep_stripped (self->pending, fields.date_of_birth);

  self->creating = self->patient == NULL;
  set_busy (self, TRUE);

  if (self->creating)
    tonic_store_create_patient_async (self->store, &fields, self->cancellable,
                                      on_patient_written, g_object_ref (self));
  else
    tonic_store_update_patient_async (self->store, &fields, self->cancellable,
                                      on_patient_written, g_object_ref (self));
}

/* Duplicates */

static char *
duplicate_key (const TonicPatientFields *fields)
{
  g_autofree char *folded = tonic_search_fold (fields->legal_name != NULL ? fields->legal_name
                                                                           : "");

  return g_strdup_printf ("%s\n%s", folded,
                          fields->date_of_birth != NULL ? fields->date_of_birth : "");
}

static gboolean
needs_duplicate_check (TonicPatientEditor       *self,
                       const TonicPatientFields *fields)
{
  g_autofree char *key = duplicate_key (fields);
  TonicPatientFields before = { 0 };
  g_autofree char *before_key = NULL;

  if (g_strcmp0 (key, self->acknowledged_duplicate) == 0)
    return FALSE;

  if (self->patient == NULL)
    return TRUE;

  /* Editing: only when the name or date of birth changes. */
  tonic_patient_get_fields (self->patient, &before);
  before_key = duplicate_key (&before);
  return !g_str_equal (key, before_key);
}

static void
show_duplicates (TonicPatientEditor *self,
                 GPtrArray          *duplicates)
{
  TonicPatient *first = g_ptr_array_index (duplicates, 0);
  g_autofree char *text = NULL;

  self->duplicate_id = tonic_patient_get_id (first);

  if (duplicates->len == 1 && tonic_patient_get_archived (first))
    /* Translators: %s is a medical record number, such as "TN-0000012-5" */
    text = g_strdup_printf (_("An archived patient, %s, has the same legal name and date of "
                              "birth."),
                            tonic_patient_get_mrn (first));
  else if (duplicates->len == 1)
    /* Translators: %s is a medical record number, such as "TN-0000012-5" */
    text = g_strdup_printf (_("Patient %s has the same legal name and date of birth."),
                            tonic_patient_get_mrn (first));
  else
    {
      g_autoptr(GPtrArray) mrns = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < duplicates->len; i++)
        {
          TonicPatient *duplicate = g_ptr_array_index (duplicates, i);

          g_ptr_array_add (mrns, (gpointer) tonic_patient_get_mrn (duplicate));
        }
      g_ptr_array_add (mrns, NULL);
      /* Translators: the separator in a list of medical record numbers */
      list = g_strjoinv (C_("list of MRNs", ", "), (char **) mrns->pdata);
      /* Translators: %u is a number of patients, %s their medical record
       * numbers, such as "TN-0000012-5, TN-0000031-0" */
      text = g_strdup_printf (ngettext ("%u patient has the same legal name and date of birth: "
                                        "%s.",
                                        "%u patients have the same legal name and date of birth: "
                                        "%s.",
                                        duplicates->len),
                              duplicates->len, list);
    }

  gtk_label_set_label (self->duplicate_label, text);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);
  scroll_to_top (self);
  gtk_widget_grab_focus (self->open_existing_button);
}

static void
on_duplicates_found (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TonicPatientEditor) self = user_data;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;

  duplicates = tonic_store_find_duplicates_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  set_busy (self, FALSE);

  if (duplicates == NULL)
    {
      show_form_error (self, error->message);
      return;
    }

  if (duplicates->len == 0)
    {
      write_patient (self);
      return;
    }

  show_duplicates (self, duplicates);
}

/* Template callbacks */

static void
on_open_existing_clicked (TonicPatientEditor *self)
{
  if (!self->busy && self->duplicate_id != 0)
    g_signal_emit (self, signals[OPEN_EXISTING], 0, self->duplicate_id);
}

static void
on_save_anyway_clicked (TonicPatientEditor *self)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  TonicPatientFields fields;

  if (self->busy)
    return;

  collect (self, &fields, keep);
  g_free (self->acknowledged_duplicate);
  self->acknowledged_duplicate = duplicate_key (&fields);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  tonic_patient_editor_save (self);
}

static void
on_entry_changed (GtkEditable        *editable,
                  TonicPatientEditor *self)
{
  TonicPatientField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), FIELD_KEY));

  if (field == TONIC_PATIENT_FIELD_DATE_OF_BIRTH)
    update_dob (self);

  if (self->filling)
    return;

  set_message (self, field, NULL);
  show_form_error (self, NULL);
  /* The emergency contact's fields depend on one another. */
  if (field == TONIC_PATIENT_FIELD_EMERGENCY_NAME || field == TONIC_PATIENT_FIELD_EMERGENCY_PHONE ||
      field == TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP)
    {
      set_message (self, TONIC_PATIENT_FIELD_EMERGENCY_NAME, NULL);
      set_message (self, TONIC_PATIENT_FIELD_EMERGENCY_PHONE, NULL);
    }
  if (field == TONIC_PATIENT_FIELD_LEGAL_NAME || field == TONIC_PATIENT_FIELD_DATE_OF_BIRTH)
    gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
}

static void
on_text_changed (GtkTextBuffer      *buffer,
                 TonicPatientEditor *self)
{
  if (self->filling)
    return;

  if (buffer == gtk_text_view_get_buffer (self->note_view))
    set_message (self, TONIC_PATIENT_FIELD_NOTE, NULL);
  else
    set_message (self, TONIC_PATIENT_FIELD_ALLERGIES, NULL);
}

/* Filling */

static void
reset (TonicPatientEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);

  self->filling = TRUE;
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    if (self->entries[i] != NULL)
      gtk_editable_set_text (GTK_EDITABLE (self->entries[i]), "");
  adw_combo_row_set_selected (self->sex_row, TONIC_SEX_UNKNOWN);
  text_view_set (self->note_view, NULL);
  if (self->clinical_edit)
    {
      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        gtk_check_button_set_active (self->indication_checks[i], FALSE);
      text_view_set (self->allergies_view, NULL);
      remove_medication_forms (self);
    }
  self->filling = FALSE;
  update_dob (self);

  clear_messages (self);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  g_clear_pointer (&self->acknowledged_duplicate, g_free);
  self->duplicate_id = 0;

  g_clear_object (&self->patient);
  g_clear_object (&self->initial);
  g_clear_object (&self->saved);
  g_clear_pointer (&self->initial_medications, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  if (self->clinical_edit)
    {
      gtk_widget_set_sensitive (self->add_medication_button, FALSE);
      update_medications_placeholder (self);
    }

  scroll_to_top (self);
}

static void
fill (TonicPatientEditor *self,
      TonicPatient       *patient)
{
  TonicPatientFields fields;

  tonic_patient_get_fields (patient, &fields);

  self->filling = TRUE;
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      const char **slot = field_text (&fields, i);

      if (self->entries[i] != NULL && slot != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->entries[i]), *slot != NULL ? *slot : "");
    }
  adw_combo_row_set_selected (self->sex_row, fields.sex);
  text_view_set (self->note_view, fields.note);
  if (self->clinical_edit)
    {
      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        gtk_check_button_set_active (self->indication_checks[i],
                                     (fields.indications & tonic_indication_nth (i)) != 0);
      text_view_set (self->allergies_view, fields.allergies);
    }
  self->filling = FALSE;
  update_dob (self);
}

static void
map_field (TonicPatientEditor *self,
           TonicPatientField   field,
           AdwEntryRow        *row,
           GtkLabel           *label)
{
  self->entries[field] = row;
  self->marks[field] = GTK_WIDGET (row);
  self->labels[field] = label;
  g_object_set_data (G_OBJECT (row), FIELD_KEY, GINT_TO_POINTER (field));
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), self);
}

/* GObject */

static void
tonic_patient_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TonicPatientEditor *self = TONIC_PATIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_editor_dispose (GObject *object)
{
  TonicPatientEditor *self = TONIC_PATIENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);

  /* The medication forms go with their rows. */
  if (self->medications != NULL)
    g_ptr_array_set_size (self->medications, 0);
  self->medications_group = NULL;
  self->medications_placeholder = NULL;
  self->medications_error = NULL;
  self->add_medication_button = NULL;
  self->allergies_view = NULL;
  self->allergies_frame = NULL;
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      self->entries[i] = NULL;
      self->marks[i] = NULL;
      self->labels[i] = NULL;
      g_clear_pointer (&self->messages[i], g_free);
    }

  /* The bin's child is a bound template child, which disposing the
   * template unparents: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PATIENT_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->patient);
  g_clear_object (&self->initial);
  g_clear_object (&self->saved);
  g_clear_pointer (&self->initial_medications, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->pending_medications, g_ptr_array_unref);
  g_clear_pointer (&self->dob_iso, g_free);
  g_clear_pointer (&self->acknowledged_duplicate, g_free);

  G_OBJECT_CLASS (tonic_patient_editor_parent_class)->dispose (object);
}

static void
tonic_patient_editor_finalize (GObject *object)
{
  TonicPatientEditor *self = TONIC_PATIENT_EDITOR (object);

  g_clear_pointer (&self->medications, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_patient_editor_parent_class)->finalize (object);
}

static void
tonic_patient_editor_class_init (TonicPatientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tonic_patient_editor_get_property;
  object_class->dispose = tonic_patient_editor_dispose;
  object_class->finalize = tonic_patient_editor_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TonicPatientEditor::saved:
   * @patient: the patient as the store saved them
   * @created: whether the patient is new
   * @problem: (nullable): what failed after the patient was saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, TONIC_TYPE_PATIENT, G_TYPE_BOOLEAN, G_TYPE_STRING);
  /**
   * TonicPatientEditor::open-existing:
   * @patient_id: the registered patient with the same name and date of birth
   */
  signals[OPEN_EXISTING] =
    g_signal_new ("open-existing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/patients/tonic-patient-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TonicPatientEditor, name)
  BIND (scroller);
  BIND (duplicate_revealer);
  BIND (duplicate_label);
  BIND (open_existing_button);
  BIND (save_anyway_button);
  BIND (legal_name_row);
  BIND (preferred_name_row);
  BIND (pronouns_row);
  BIND (date_of_birth_row);
  BIND (dob_hint);
  BIND (dob_choice);
  BIND (dob_choice_a);
  BIND (dob_choice_b);
  BIND (sex_row);
  BIND (gender_row);
  BIND (phone_mobile_row);
  BIND (phone_other_row);
  BIND (email_row);
  BIND (address_line1_row);
  BIND (address_line2_row);
  BIND (city_row);
  BIND (region_row);
  BIND (postcode_row);
  BIND (emergency_name_row);
  BIND (emergency_relationship_row);
  BIND (emergency_phone_row);
  BIND (referrer_name_row);
  BIND (referrer_practice_row);
  BIND (referrer_phone_row);
  BIND (referrer_email_row);
  BIND (name_error);
  BIND (birth_error);
  BIND (sex_error);
  BIND (contact_error);
  BIND (address_error);
  BIND (emergency_error);
  BIND (referrer_error);
  BIND (clinical_box);
  BIND (note_frame);
  BIND (note_view);
  BIND (note_error);
  BIND (form_error);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_open_existing_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_anyway_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_dob_choice_toggled);
}

static void
tonic_patient_editor_init (TonicPatientEditor *self)
{
  g_autoptr(GtkStringList) sexes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  _tonic_patients_ensure_style (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->medications = g_ptr_array_new ();
  g_date_clear (&self->dob_a, 1);
  g_date_clear (&self->dob_b, 1);

  for (guint i = 0; i < TONIC_N_SEXES; i++)
    gtk_string_list_append (sexes, tonic_sex_get_label ((TonicSex) i));
  adw_combo_row_set_model (self->sex_row, G_LIST_MODEL (sexes));

  map_field (self, TONIC_PATIENT_FIELD_LEGAL_NAME, self->legal_name_row, self->name_error);
  map_field (self, TONIC_PATIENT_FIELD_PREFERRED_NAME, self->preferred_name_row, self->name_error);
  map_field (self, TONIC_PATIENT_FIELD_PRONOUNS, self->pronouns_row, self->name_error);
  map_field (self, TONIC_PATIENT_FIELD_DATE_OF_BIRTH, self->date_of_birth_row, self->birth_error);
  map_field (self, TONIC_PATIENT_FIELD_GENDER, self->gender_row, self->sex_error);
  map_field (self, TONIC_PATIENT_FIELD_PHONE_MOBILE, self->phone_mobile_row, self->contact_error);
  map_field (self, TONIC_PATIENT_FIELD_PHONE_OTHER, self->phone_other_row, self->contact_error);
  map_field (self, TONIC_PATIENT_FIELD_EMAIL, self->email_row, self->contact_error);
  map_field (self, TONIC_PATIENT_FIELD_ADDRESS_LINE1, self->address_line1_row, self->address_error);
  map_field (self, TONIC_PATIENT_FIELD_ADDRESS_LINE2, self->address_line2_row, self->address_error);
  map_field (self, TONIC_PATIENT_FIELD_CITY, self->city_row, self->address_error);
  map_field (self, TONIC_PATIENT_FIELD_REGION, self->region_row, self->address_error);
  map_field (self, TONIC_PATIENT_FIELD_POSTCODE, self->postcode_row, self->address_error);
  map_field (self, TONIC_PATIENT_FIELD_EMERGENCY_NAME, self->emergency_name_row,
             self->emergency_error);
  map_field (self, TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP, self->emergency_relationship_row,
             self->emergency_error);
  map_field (self, TONIC_PATIENT_FIELD_EMERGENCY_PHONE, self->emergency_phone_row,
             self->emergency_error);
  map_field (self, TONIC_PATIENT_FIELD_REFERRER_NAME, self->referrer_name_row,
             self->referrer_error);
  map_field (self, TONIC_PATIENT_FIELD_REFERRER_PRACTICE, self->referrer_practice_row,
             self->referrer_error);
  map_field (self, TONIC_PATIENT_FIELD_REFERRER_PHONE, self->referrer_phone_row,
             self->referrer_error);
  map_field (self, TONIC_PATIENT_FIELD_REFERRER_EMAIL, self->referrer_email_row,
             self->referrer_error);

  self->marks[TONIC_PATIENT_FIELD_SEX] = GTK_WIDGET (self->sex_row);
  self->labels[TONIC_PATIENT_FIELD_SEX] = self->sex_error;
  self->marks[TONIC_PATIENT_FIELD_NOTE] = self->note_frame;
  self->labels[TONIC_PATIENT_FIELD_NOTE] = self->note_error;
  g_signal_connect (gtk_text_view_get_buffer (self->note_view), "changed",
                    G_CALLBACK (on_text_changed), self);
}

void
tonic_patient_editor_set_session (TonicPatientEditor *self,
                                  TonicStore         *store,
                                  TonicStaff         *actor)
{
  g_return_if_fail (TONIC_IS_PATIENT_EDITOR (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_STAFF (actor));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->actor = g_object_ref (actor);
  self->clinical_edit = tonic_permission_allows (tonic_staff_get_role (actor),
                                                 TONIC_ACTION_CLINICAL_EDIT);

  /* Nobody else gets so much as the widgets. */
  if (self->clinical_edit)
    build_clinical (self);
}

void
tonic_patient_editor_start_new (TonicPatientEditor *self)
{
  TonicPatientFields empty = { 0 };

  g_return_if_fail (TONIC_IS_PATIENT_EDITOR (self));
  g_return_if_fail (self->store != NULL);

  reset (self);
  self->initial = tonic_patient_new (&empty);
  if (self->clinical_edit)
    {
      self->initial_medications = g_ptr_array_new_with_free_func (g_object_unref);
      gtk_widget_set_sensitive (self->add_medication_button, TRUE);
      update_medications_placeholder (self);
    }
}

void
tonic_patient_editor_start_edit (TonicPatientEditor *self,
                                 TonicPatient       *patient)
{
  g_return_if_fail (TONIC_IS_PATIENT_EDITOR (self));
  g_return_if_fail (TONIC_IS_PATIENT (patient));
  g_return_if_fail (self->store != NULL);

  reset (self);
  self->patient = g_object_ref (patient);
  self->initial = g_object_ref (patient);
  fill (self, patient);

  if (self->clinical_edit)
    tonic_store_list_medications_async (self->store, tonic_patient_get_id (patient),
                                        self->cancellable, on_medications_read,
                                        g_object_ref (self));
}

TonicPatient *
tonic_patient_editor_get_patient (TonicPatientEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), NULL);

  return self->patient;
}

void
tonic_patient_editor_save (TonicPatientEditor *self)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  TonicPatientFields fields;
  gint64 except_id;

  g_return_if_fail (TONIC_IS_PATIENT_EDITOR (self));

  if (self->busy || self->store == NULL || self->initial == NULL)
    return;

  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  if (!validate (self, TRUE))
    return;

  collect (self, &fields, keep);
  if (!needs_duplicate_check (self, &fields))
    {
      write_patient (self);
      return;
    }

  set_busy (self, TRUE);
  except_id = self->patient != NULL ? tonic_patient_get_id (self->patient) : 0;
  tonic_store_find_duplicates_async (self->store, fields.legal_name, fields.date_of_birth,
                                     except_id, self->cancellable, on_duplicates_found,
                                     g_object_ref (self));
}

gboolean
tonic_patient_editor_get_changed (TonicPatientEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), FALSE);

  return fields_changed (self) || medications_changed (self);
}

gboolean
tonic_patient_editor_get_busy (TonicPatientEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), FALSE);

  return self->busy;
}

void
tonic_patient_editor_clear (TonicPatientEditor *self)
{
  g_return_if_fail (TONIC_IS_PATIENT_EDITOR (self));

  reset (self);
}

void
tonic_patient_editor_focus (TonicPatientEditor *self)
{
  g_return_if_fail (TONIC_IS_PATIENT_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->legal_name_row));
}

guint
_tonic_patient_editor_add_medication (TonicPatientEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), 0);
  g_return_val_if_fail (self->clinical_edit, 0);

  on_add_medication_clicked (self);
  g_return_val_if_fail (self->medications->len > 0, 0);

  return self->medications->len - 1;
}

AdwEntryRow *
_tonic_patient_editor_get_medication_row (TonicPatientEditor *self,
                                          guint               index,
                                          gboolean            dose)
{
  MedicationForm *form;

  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->medications->len, NULL);

  form = g_ptr_array_index (self->medications, index);
  return dose ? form->dose_row : form->name_row;
}

GtkCheckButton *
_tonic_patient_editor_get_class_check (TonicPatientEditor *self,
                                       guint               index,
                                       TonicDrugClass      klass)
{
  MedicationForm *form;

  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->medications->len, NULL);

  form = g_ptr_array_index (self->medications, index);
  return form->class_checks[drug_class_index (klass)];
}

GtkCheckButton *
_tonic_patient_editor_get_indication_check (TonicPatientEditor *self,
                                            TonicIndication     indication)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), NULL);

  if (!self->clinical_edit)
    return NULL;

  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    if (tonic_indication_nth (i) == indication)
      return self->indication_checks[i];

  return NULL;
}

GtkTextView *
_tonic_patient_editor_get_allergies_view (TonicPatientEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_EDITOR (self), NULL);

  return self->allergies_view;
}
