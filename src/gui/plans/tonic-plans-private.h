/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-plan-editor.h"
#include "tonic-plan-view.h"
#include "tonic-store.h"

G_BEGIN_DECLS

/* Shared by the Plan tab and the plan form. */

/* "0.5", "56", "0.75": a dose or volume without trailing zeros, in the
 * locale's digits (at most two decimals). (g_free()) */
char             *_tonic_plans_format_amount   (double           value);
/* The unit a plan's doses are written in: "mg/kg" or "mg". */
const char       *_tonic_plans_dose_unit       (TonicDoseMode    mode);
/* "Per kilogram of body weight" or "Fixed dose". */
const char       *_tonic_plans_dose_mode_label (TonicDoseMode    mode);
/* "Signed by Sam Okonkwo on 3 Apr 2026, 14:05" and the like, for a
 * version's signature or its draft. (g_free()) */
char             *_tonic_plans_format_signature (const TonicPlan *plan);

/* For tests: what the plan tab and form hold. */
/* The form or question the tab has open, or NULL. */
TonicPlanEditor  *_tonic_plan_view_get_editor          (TonicPlanView   *self);
AdwMessageDialog *_tonic_plan_view_get_dialog          (TonicPlanView   *self);
/* In the New Plan question: the choice of @protocol. */
GtkCheckButton   *_tonic_plan_view_get_protocol_check  (TonicPlanView   *self,
                                                        TonicProtocol    protocol);
/* What the tab shows, as last read (NULL while reading or when none). */
const TonicPlan  *_tonic_plan_view_get_active_plan     (TonicPlanView   *self);
const TonicPlan  *_tonic_plan_view_get_draft           (TonicPlanView   *self);

/* The form's number fields by id ("dose", "induction-count", …, as in its
 * table), the message shown for @field, the row it marks (NULL for the
 * lists of check rows), its check rows and the screening answers. */
GtkSpinButton    *_tonic_plan_editor_get_spin          (TonicPlanEditor *self,
                                                        const char      *id);
GtkLabel         *_tonic_plan_editor_get_message       (TonicPlanEditor *self,
                                                        TonicPlanField   field);
GtkWidget        *_tonic_plan_editor_get_field_row     (TonicPlanEditor *self,
                                                        TonicPlanField   field);
GtkCheckButton   *_tonic_plan_editor_get_indication_check (TonicPlanEditor *self,
                                                           TonicIndication  indication);
GtkCheckButton   *_tonic_plan_editor_get_measure_check (TonicPlanEditor *self,
                                                        TonicInstrument  instrument);
GtkToggleButton  *_tonic_plan_editor_get_screen_button (TonicPlanEditor *self,
                                                        TonicScreenItem  item,
                                                        gboolean         yes);
AdwComboRow      *_tonic_plan_editor_get_protocol_row  (TonicPlanEditor *self);
/* The question the form has open (sign, template, discard), or NULL. */
AdwMessageDialog *_tonic_plan_editor_get_dialog        (TonicPlanEditor *self);
gboolean          _tonic_plan_editor_get_busy          (TonicPlanEditor *self);

G_END_DECLS
