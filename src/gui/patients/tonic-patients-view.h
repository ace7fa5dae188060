/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PATIENTS_VIEW (tonic_patients_view_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientsView, tonic_patients_view, TONIC, PATIENTS_VIEW, AdwBin)

/* The Patients view (everyone): an AdwLeaflet with the searchable paging
 * list and the selected patient's record; it folds in a narrow window.
 * What it shows follows @actor's role (no clinical content without
 * CLINICAL_VIEW). */
GtkWidget *tonic_patients_view_new          (TonicStore        *store,
                                             TonicStaff        *actor);
/* Focuses the search entry (Ctrl+F). */
void       tonic_patients_view_focus_search (TonicPatientsView *self);
/* Opens the form for a new patient (Ctrl+N). */
void       tonic_patients_view_new_patient  (TonicPatientsView *self);
/* Shows a patient's record (from the Today board). */
void       tonic_patients_view_show_patient (TonicPatientsView *self,
                                             gint64             patient_id);

G_END_DECLS
