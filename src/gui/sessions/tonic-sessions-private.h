/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-scale-group.h"
#include "tonic-session-list.h"
#include "tonic-session-page.h"
#include "tonic-store.h"
/* Field messages: _tonic_today_set_field_error(), as the Today board's forms. */
#include "tonic-today-private.h"
#include "tonic-vitals-row.h"

G_BEGIN_DECLS

/* Shared by the session page, its parts and the session list. Nothing here
 * keeps patient data: each helper formats what it is given. */

/* The few style rules of sessions (the due bar, alerts), once per display. */
void        _tonic_sessions_ensure_style       (void);

/* "40", "37.5", "0.4": @value with at most @digits decimals, trailing
 * zeros dropped. (g_free()) */
char       *_tonic_sessions_format_number      (double       value,
                                                guint        digits);
/* "10:45": a moment stored as UTC ISO-8601 in local time; "" for NULL or
 * something that is not a moment. (g_free()) */
char       *_tonic_sessions_format_time        (const char  *utc);
/* "12 March 2026": the local day of a stored moment; "" as above. */
char       *_tonic_sessions_format_day         (const char  *utc);
/* "12 March 2026, 14:05"; "" as above. */
char       *_tonic_sessions_format_moment      (const char  *utc);
/* The moment @text ("HH:MM", 24-hour) on the local day of @day_utc (NULL:
 * today), as UTC ISO-8601; NULL when @text is not such a time. */
char       *_tonic_sessions_parse_time         (const char  *text,
                                                const char  *day_utc);
/* Whole minutes from @from to @to (both UTC ISO-8601), rounded down;
 * G_MININT when either is missing. */
int         _tonic_sessions_minutes_between    (const char  *from,
                                                const char  *to);

/* "−5 min", "0 min", "35 min": a minute from the dose start. (g_free()) */
char       *_tonic_sessions_format_minute      (int          minute);
/* "BP 184/112 mmHg · HR 96/min · SpO₂ 97 % · RR 16/min": the values taken.
 * (g_free()) */
char       *_tonic_sessions_format_reading     (const TonicVitalsReading *reading);
/* "Total 12 · Moderate" (C-SSRS: "Risk: High"). (g_free()) */
char       *_tonic_sessions_format_score       (const TonicScore *score);

/* An AdwActionRow with @title and @subtitle as plain text. */
GtkWidget  *_tonic_sessions_value_row_new      (const char  *title,
                                                const char  *subtitle);

/* Fills @box (emptied first) with the read-only record of @session (read
 * whole) under @plan: who signed it and its amendments first, then every
 * part in the order of the work (tonic-session-record.c). */
void        _tonic_session_record_build        (GtkBox             *box,
                                                const TonicSession *session,
                                                const TonicPlan    *plan);

/* For tests. */
GtkWidget    *_tonic_session_page_get_scale_group  (TonicSessionPage *self,
                                                    TonicInstrument   instrument,
                                                    TonicScoreTiming  timing);
/* The row of the @index-th reading, oldest first (or NULL). */
TonicVitalsRow *_tonic_session_page_get_vitals_row (TonicSessionPage *self,
                                                    guint             index);
/* The check of side effect @effect, co-medication @comedication, or the
 * Aldrete row of @item. */
GtkCheckButton *_tonic_session_page_get_side_effect_check (TonicSessionPage *self,
                                                           TonicSideEffect   effect);
GtkCheckButton *_tonic_session_page_get_comedication_check (TonicSessionPage  *self,
                                                            TonicComedication  comedication);
AdwComboRow  *_tonic_session_page_get_aldrete_row  (TonicSessionPage *self,
                                                    TonicAldreteItem  item);
/* The REMS observation minutes. */
GtkSpinButton *_tonic_session_page_get_observation_spin (TonicSessionPage *self);
/* The session as last stored (or NULL while loading). */
const TonicSession *_tonic_session_page_get_session (TonicSessionPage *self);
/* Whether a store call is under way or changes wait to be saved. */
gboolean      _tonic_session_page_is_busy          (TonicSessionPage *self);
/* The dialog the page opened (sign confirmation, amendment), or NULL. */
GtkWindow    *_tonic_session_page_get_dialog       (TonicSessionPage *self);
/* The text view of the amendment dialog. */
GtkTextView  *_tonic_session_page_get_amendment_view (TonicSessionPage *self);
/* What the due bar's timer does every half minute, now; whether it runs. */
void          _tonic_session_page_tick             (TonicSessionPage *self);
gboolean      _tonic_session_page_has_timer        (TonicSessionPage *self);

/* The rows of the list, newest first. */
GtkListBoxRow *_tonic_session_list_get_row         (TonicSessionList *self,
                                                    guint             index);

G_END_DECLS
