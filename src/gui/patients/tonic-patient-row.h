/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-patient.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PATIENT_ROW (tonic_patient_row_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientRow, tonic_patient_row, TONIC, PATIENT_ROW, AdwBin)

/* A row of the patient list: the display name (bold), "MRN · date of birth
 * · age" and, on a line of their own, tags: "Archived" and — for a role
 * that may read clinical content — the course tags. While "patient" is
 * NULL (its page is still being read) it shows a dim placeholder. */
GtkWidget    *tonic_patient_row_new         (void);
TonicPatient *tonic_patient_row_get_patient (TonicPatientRow *self);
void          tonic_patient_row_set_patient (TonicPatientRow *self,
                                             TonicPatient    *patient);
/* Whether the course tags (safety alert, phase, overdue rating scale) are
 * shown: only for a role that may read clinical content. */
void          tonic_patient_row_set_clinical (TonicPatientRow *self,
                                              gboolean         clinical);

G_END_DECLS
