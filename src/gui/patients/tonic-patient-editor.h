/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PATIENT_EDITOR (tonic_patient_editor_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientEditor, tonic_patient_editor, TONIC, PATIENT_EDITOR, AdwBin)

/* The patient form (new patient, or editing one): groups of fields, each
 * checked with tonic_patient_check_field() before anything is saved, the
 * problem shown under its group and the row marked. For a role with
 * CLINICAL_EDIT it also has indications, allergies and current medications
 * (with drug classes suggested from the name as it is typed); for anyone
 * else those widgets are never built.
 *
 * Before saving a new patient, or a changed legal name or date of birth,
 * it looks for patients with the same name and date of birth and asks:
 * "Open Existing" emits "open-existing" (gint64 patient id), "Save Anyway"
 * saves. Once the store has everything it emits "saved" (TonicPatient
 * *patient, gboolean created, const char *problem); @problem, when not
 * NULL, says what failed after the patient was saved (the medications).
 * A refused save leaves the form as it was, the reason next to the field
 * when it names one. The header (Save, Cancel) is the caller's. */
void          tonic_patient_editor_set_session (TonicPatientEditor *self,
                                                TonicStore         *store,
                                                TonicStaff         *actor);
/* An empty form for a new patient. */
void          tonic_patient_editor_start_new   (TonicPatientEditor *self);
/* The form filled from @patient (and, for clinical roles, its medications,
 * read from the store). */
void          tonic_patient_editor_start_edit  (TonicPatientEditor *self,
                                                TonicPatient       *patient);
/* The patient being edited, or NULL for a new one. */
TonicPatient *tonic_patient_editor_get_patient (TonicPatientEditor *self);
/* Checks every field and saves when all are acceptable (Ctrl+S). */
void          tonic_patient_editor_save        (TonicPatientEditor *self);
/* Whether anything differs from what the form started with. */
gboolean      tonic_patient_editor_get_changed (TonicPatientEditor *self);
/* Whether a save is under way (the fields are read-only meanwhile). */
gboolean      tonic_patient_editor_get_busy    (TonicPatientEditor *self);
/* Empties every field and forgets the patient. */
void          tonic_patient_editor_clear       (TonicPatientEditor *self);
/* Focuses the first field. */
void          tonic_patient_editor_focus       (TonicPatientEditor *self);

G_END_DECLS
