/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-appointment-card.h"
#include "tonic-today-view.h"

G_BEGIN_DECLS

/* Shared by the Today view and its dialogs. */

/* The window @widget is in, to be the parent of a dialog (or NULL). */
GtkWindow  *_tonic_today_get_parent_window  (GtkWidget   *widget);
/* Shows @message in @label (or hides it with NULL) and marks @row as
 * wrong while there is a message. Either may be NULL. */
void        _tonic_today_set_field_error    (GtkLabel    *label,
                                             GtkWidget   *row,
                                             const char  *message);
/* The board's style classes (state tags, cards), once per display. */
void        _tonic_today_ensure_style       (void);

/* "09:30": @time as a local time of day. (g_free()) */
char       *_tonic_today_format_time        (GDateTime   *time);
/* "10:00–11:40". (g_free()) */
char       *_tonic_today_format_range       (GDateTime   *start,
                                             GDateTime   *end);
/* "Sunday 22 November 2026". (g_free()) */
char       *_tonic_today_format_day         (const GDate *day);
/* Local midnight at the start of @day. */
GDateTime  *_tonic_today_day_start          (const GDate *day);

/* For tests. */
TonicAppointmentCard *_tonic_today_view_find_card     (TonicTodayView       *self,
                                                       gint64                appointment_id);
/* The chair of the column @card is in (1-based), or 0. */
int                   _tonic_today_view_get_card_chair (TonicTodayView       *self,
                                                        TonicAppointmentCard *card);
/* How many times the board was read from the store. */
guint                 _tonic_today_view_get_n_loads   (TonicTodayView       *self);
/* Whether the timer that updates the cards is running (only while shown). */
gboolean              _tonic_today_view_has_timer     (TonicTodayView       *self);
/* What the timer does every half minute, now. */
void                  _tonic_today_view_tick          (TonicTodayView       *self);
/* The check-in or booking window the view opened, or NULL. */
GtkWindow            *_tonic_today_view_get_dialog    (TonicTodayView       *self);
void                  _tonic_today_view_get_day       (TonicTodayView       *self,
                                                       GDate                *out);

G_END_DECLS
