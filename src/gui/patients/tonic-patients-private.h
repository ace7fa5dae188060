/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-patient-editor.h"
#include "tonic-patient-list.h"
#include "tonic-patient-record.h"
#include "tonic-patients-view.h"
#include "tonic-store.h"

G_BEGIN_DECLS

/* Shared by the parts of the Patients view. Nothing here keeps patient data:
 * each helper formats what it is given. */

#define TONIC_KG_PER_LB 0.45359237

/* The window @widget is in, to be the parent of a dialog (or NULL). */
GtkWindow  *_tonic_patients_get_parent_window  (GtkWidget     *widget);

/* "3 April 1980" (@long_form) or "3 Apr 1980"; "" for an invalid date. */
char       *_tonic_patients_format_date        (const GDate   *date,
                                                gboolean       long_form);
/* The same for "YYYY-MM-DD"; the text itself when it is not a date. */
char       *_tonic_patients_format_iso_date    (const char    *iso,
                                                gboolean       long_form);
/* A moment stored as UTC ISO-8601, in local time: "3 Apr 2026, 14:05". */
char       *_tonic_patients_format_moment      (const char    *utc);
char       *_tonic_patients_format_date_time   (GDateTime     *time);
/* "45 years" ("" when unknown). */
char       *_tonic_patients_format_age         (TonicPatient  *patient);
/* Under a name in the list: "TN-0000012-5 · 3 Apr 1980 · 45 years". */
char       *_tonic_patients_format_summary     (TonicPatient  *patient);

/* The workstation's preferences (GSettings), or NULL when the schema is not
 * installed (weights are then shown in kilograms). */
GSettings  *_tonic_patients_settings_new       (void);
gboolean    _tonic_patients_weight_in_pounds   (GSettings     *settings);
/* "79.8 kg" or "175.9 lb". */
char       *_tonic_patients_format_weight      (double         kilograms,
                                                gboolean       pounds);

/* A small rounded label: "Archived", drug classes (@warning). */
GtkWidget  *_tonic_patients_tag_new            (const char    *text,
                                                gboolean       warning);
/* The same, standing out as an alert: "Safety alert", "Blocks signing". */
GtkWidget  *_tonic_patients_alert_tag_new      (const char    *text);
/* Appends to @box the tags of @patient's course, for roles that may read
 * clinical content: "Safety alert" (an alert), the phase ("Induction",
 * "Maintenance") and "Overdue rating scale". */
void        _tonic_patients_add_course_tags    (GtkBox        *box,
                                                TonicPatient  *patient);
/* Loads the view's few style rules once per display. */
void        _tonic_patients_ensure_style       (GtkWidget     *widget);

/* An AdwActionRow showing @title and @subtitle as plain text (names and
 * addresses are not markup). */
GtkWidget  *_tonic_patients_value_row_new      (const char    *title,
                                                const char    *subtitle);

/* For tests: what the view and its parts hold. */
TonicPatientList *_tonic_patients_view_get_list          (TonicPatientsView  *self);
GMenuModel       *_tonic_patients_view_get_filter_menu   (TonicPatientsView  *self);
gint64            _tonic_patients_view_get_shown_id      (TonicPatientsView  *self);
/* NULL when the record has no weight form (no CLINICAL_EDIT). */
GtkSpinButton    *_tonic_patient_record_get_weight_spin  (TonicPatientRecord *self);
GtkButton        *_tonic_patient_record_get_weight_button (TonicPatientRecord *self);
/* Adds a medication to the form; returns its index. */
guint             _tonic_patient_editor_add_medication   (TonicPatientEditor *self);
AdwEntryRow      *_tonic_patient_editor_get_medication_row (TonicPatientEditor *self,
                                                            guint               index,
                                                            gboolean            dose);
GtkCheckButton   *_tonic_patient_editor_get_class_check  (TonicPatientEditor *self,
                                                          guint               index,
                                                          TonicDrugClass      klass);
GtkCheckButton   *_tonic_patient_editor_get_indication_check (TonicPatientEditor *self,
                                                              TonicIndication     indication);
GtkTextView      *_tonic_patient_editor_get_allergies_view (TonicPatientEditor *self);

G_END_DECLS
