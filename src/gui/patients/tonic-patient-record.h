/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PATIENT_RECORD (tonic_patient_record_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientRecord, tonic_patient_record, TONIC, PATIENT_RECORD, AdwBin)

/* One patient's record, as the Patients view shows it: a header (display
 * name, pronouns, age, MRN, tags) and the tabs Record and Appointments.
 * The clinical part — of the Record tab (indications, allergies, current
 * medications, weights), the course tags of the header (safety alert,
 * phase, overdue rating scale), and the tabs Plan (TonicPlanView) and
 * Sessions (TonicSessionList) — is built only for a staff member whose
 * role may read clinical content: for anyone else none of its widgets
 * exists.
 *
 * Emits "book-appointment" (gint64 patient id) from its Book Appointment
 * button, and "patient-changed" (TonicPatient *) when it read the patient
 * again after a plan was signed or a course ended. Reads what it shows through the store with its own cancellable,
 * cancelled when it is cleared or disposed. */
void          tonic_patient_record_set_session    (TonicPatientRecord *self,
                                                   TonicStore         *store,
                                                   TonicStaff         *actor,
                                                   GSettings          *settings);
/* Shows @patient (as opened by tonic_store_open_patient_async()) and reads
 * its medications, weights and appointments. */
void          tonic_patient_record_show           (TonicPatientRecord *self,
                                                   TonicPatient       *patient);
/* Drops the patient and everything shown of them. */
void          tonic_patient_record_clear          (TonicPatientRecord *self);
TonicPatient *tonic_patient_record_get_patient    (TonicPatientRecord *self);
/* Reads the medications, weights and appointments again. */
void          tonic_patient_record_reload         (TonicPatientRecord *self);

G_END_DECLS
