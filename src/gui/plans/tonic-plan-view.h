/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PLAN_VIEW (tonic_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (TonicPlanView, tonic_plan_view, TONIC, PLAN_VIEW, AdwBin)

/* A patient's Plan tab: the active plan (the course's signed version) as a
 * readable summary, the version history of every course (who signed each
 * version and when, what changed and why), and — for a role with
 * PLAN_EDIT — New Plan (from a protocol template), Revise, Continue Draft
 * and Discard Draft; End Course for a role with PLAN_SIGN. A role without
 * them reads. Built only for roles with CLINICAL_VIEW.
 *
 * Emits "changed" when a version was signed or a course ended: the
 * patient's course phase and flags are then recomputed by the store. */
GtkWidget    *tonic_plan_view_new          (void);
void          tonic_plan_view_set_session  (TonicPlanView *self,
                                            TonicStore    *store,
                                            TonicStaff    *actor);
/* Reads and shows @patient's plans; for the patient already shown (read
 * again), what is open about them stays open. */
void          tonic_plan_view_show         (TonicPlanView *self,
                                            TonicPatient  *patient);
/* Drops the patient, closing any form or question about them. */
void          tonic_plan_view_clear        (TonicPlanView *self);
/* Reads the plans again. */
void          tonic_plan_view_reload       (TonicPlanView *self);

G_END_DECLS
