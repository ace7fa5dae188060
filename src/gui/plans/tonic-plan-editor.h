/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_PLAN_EDITOR (tonic_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (TonicPlanEditor, tonic_plan_editor, TONIC, PLAN_EDITOR, AdwWindow)

/* The treatment-plan form, a modal window over @parent, editing @plan (a
 * copy is kept): a new course's first version (ids 0, as made by
 * tonic_plan_new_from_protocol()), a revision of a signed version (id 0,
 * its course id set), or a stored draft. Sections in the order of
 * CLINICAL.md: protocol template, indications and the measures they
 * choose, phases, dosing, vitals schedule and thresholds, screening (with
 * an override reason while a hard item blocks), consent, goals and — for a
 * revision — a change note. Every field is checked next to itself with
 * tonic_plan_check_field(); signing first runs
 * tonic_plan_check_signable() and asks for confirmation.
 *
 * Save Draft (Ctrl+S) keeps the window open and emits "saved" (TonicPlan
 * *draft, as stored). Sign — only for a role with PLAN_SIGN — saves the
 * draft, signs it, emits "signed" (TonicPlan *version) and closes. A
 * refusal leaves the window open with the reason next to the field. */
TonicPlanEditor *tonic_plan_editor_new       (GtkWindow       *parent,
                                              TonicStore      *store,
                                              TonicStaff      *actor,
                                              TonicPatient    *patient,
                                              const TonicPlan *plan);
/* The version edited, as last saved (id 0 until the first save). */
const TonicPlan *tonic_plan_editor_get_plan  (TonicPlanEditor *self);
/* Whether the form holds changes that are not saved. */
gboolean         tonic_plan_editor_get_changed (TonicPlanEditor *self);
/* Saves the draft, as Save Draft does. */
void             tonic_plan_editor_save      (TonicPlanEditor *self);
/* Checks what signing needs and asks for confirmation, as Sign does. */
void             tonic_plan_editor_sign      (TonicPlanEditor *self);

G_END_DECLS
