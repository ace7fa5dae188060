/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-patient.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PATIENT_ROW (tonic_patient_row_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientRow, tonic_patient_row, TONIC, PATIENT_ROW, AdwBin)

/* A row of the patient list: the display name (bold), "MRN · date of birth
 * · age" and an "Archived" tag. While "patient" is NULL (its page is still
 * being read) it shows a dim placeholder. */
GtkWidget    *tonic_patient_row_new         (void);
TonicPatient *tonic_patient_row_get_patient (TonicPatientRow *self);
void          tonic_patient_row_set_patient (TonicPatientRow *self,
                                             TonicPatient    *patient);

G_END_DECLS
