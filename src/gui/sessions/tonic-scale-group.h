/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-session.h"

G_BEGIN_DECLS

#define TONIC_TYPE_SCALE_GROUP (tonic_scale_group_get_type ())
G_DECLARE_FINAL_TYPE (TonicScaleGroup, tonic_scale_group, TONIC, SCALE_GROUP, AdwPreferencesGroup)

/* One rating scale of a session, entered item by item: a row per item
 * with its answers (anchors) to choose from, the total and band worked out
 * live by tonic_instrument_score() (never typed), and the safety alert
 * when the answers raise a flag (PHQ-9 item 9, C-SSRS high risk), which
 * someone with @can_acknowledge acknowledges with a typed note; others see
 * that a clinician must. "changed" is emitted when the person changes an
 * answer; "acknowledge" (the note) when they acknowledge the alert. */
GtkWidget        *tonic_scale_group_new            (TonicInstrument          instrument,
                                                    TonicScoreTiming         timing,
                                                    gboolean                 can_acknowledge);
TonicInstrument   tonic_scale_group_get_instrument (TonicScaleGroup         *self);
TonicScoreTiming  tonic_scale_group_get_timing     (TonicScaleGroup         *self);
/* Shows the score as stored (its answers and the acknowledgement of its
 * flag), or with NULL, nothing stored. */
void              tonic_scale_group_set_score      (TonicScaleGroup         *self,
                                                    const TonicSessionScore *score);
/* The id of the stored score, or 0. */
gint64            tonic_scale_group_get_score_id   (TonicScaleGroup         *self);
/* The answers chosen, one per item (TONIC_ANSWER_MISSING when not). */
const int        *tonic_scale_group_get_answers    (TonicScaleGroup         *self,
                                                    guint                   *n_answers);
/* Sets the answer of item @index (0-based) as choosing it does. */
void              tonic_scale_group_set_answer     (TonicScaleGroup         *self,
                                                    guint                    index,
                                                    int                      value);
/* Whether every item is answered and the answers differ from the stored
 * ones. */
gboolean          tonic_scale_group_needs_saving   (TonicScaleGroup         *self);
/* Whether a save of the group is under way (the page saves one at a time). */
gboolean          tonic_scale_group_get_saving     (TonicScaleGroup         *self);
void              tonic_scale_group_set_saving     (TonicScaleGroup         *self,
                                                    gboolean                 saving);
/* Shows @message (a refused save) under the items, or hides it (NULL). */
void              tonic_scale_group_set_error      (TonicScaleGroup         *self,
                                                    const char              *message);

/* For tests. */
AdwComboRow      *_tonic_scale_group_get_item_row  (TonicScaleGroup         *self,
                                                    guint                    index);
GtkLabel         *_tonic_scale_group_get_total_label (TonicScaleGroup       *self);
/* The safety alert's box, its note entry and button. */
GtkWidget        *_tonic_scale_group_get_safety_box (TonicScaleGroup        *self);
GtkEditable      *_tonic_scale_group_get_note_entry (TonicScaleGroup        *self);
GtkButton        *_tonic_scale_group_get_acknowledge_button (TonicScaleGroup *self);

G_END_DECLS
