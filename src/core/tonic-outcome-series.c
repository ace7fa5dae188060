/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-outcome-series"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tonic-chart-scale.h"
#include "tonic-outcome-series.h"
#include "tonic-time.h"

/* Scores are whole numbers or tenths: anything closer is equal. */
#define EPSILON 1e-9

/* An infusion of the course. */
typedef struct
{
  gint64  session_id;
  char   *day;
} Infusion;

struct _TonicOutcomeSeries
{
  grefcount          ref_count;
  TonicInstrument    instrument;
  TonicOutcomeRules  rules;
  GArray            *points;     /* TonicOutcomePoint, in day order */
  GArray            *scores;     /* double, the points' scores */
  GArray            *infusions;  /* Infusion, in day order */
};

/* A session of the course, to sort by day before making points. */
typedef struct
{
  const TonicSession *session;
  char               *day;
} CourseSession;

G_DEFINE_BOXED_TYPE (TonicOutcomeSeries, tonic_outcome_series,
                     tonic_outcome_series_ref, tonic_outcome_series_unref)

/* -- Helpers ---------------------------------------------------------------------- */

static void
clear_point (gpointer data)
{
  TonicOutcomePoint *point = data;

  g_clear_pointer (&point->day, g_free);
}

static void
clear_infusion (gpointer data)
{
  Infusion *infusion = data;

  g_clear_pointer (&infusion->day, g_free);
}

static void
clear_gap (gpointer data)
{
  TonicOutcomeGap *gap = data;

  g_clear_pointer (&gap->from_day, g_free);
  g_clear_pointer (&gap->to_day, g_free);
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* The local "YYYY-MM-DD" of a UTC moment, or NULL. */
static char *
format_local_day (const char *utc)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (is_blank (utc))
    return NULL;

  time = tonic_time_parse_utc (utc);
  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The session's day: its check-in, else its start, else its creation. */
static char *
get_session_day (const TonicSession *session)
{
  const char *moments[] = { session->checked_in_at, session->started_at, session->created_at };

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      char *day = format_local_day (moments[i]);

      if (day != NULL)
        return day;
    }

  return NULL;
}

static int
compare_course_sessions (gconstpointer a,
                         gconstpointer b)
{
  const CourseSession *first = a;
  const CourseSession *second = b;
  int by_day = strcmp (first->day, second->day);

  if (by_day != 0)
    return by_day;
  if (first->session->number != second->session->number)
    return first->session->number < second->session->number ? -1 : 1;
  if (first->session->id != second->session->id)
    return first->session->id < second->session->id ? -1 : 1;
  return 0;
}

/* The latest score of @instrument with @timing in @session, or NULL. */
static const TonicSessionScore *
find_latest_score (const TonicSession *session,
                   TonicInstrument     instrument,
                   TonicScoreTiming    timing)
{
  for (guint i = session->scores->len; i > 0; i--)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i - 1);

      if (score->instrument == instrument && score->timing == timing)
        return score;
    }

  return NULL;
}

static gboolean
has_safety_flag (const TonicSession *session)
{
  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->score.safety != TONIC_SAFETY_NONE)
        return TRUE;
    }

  return FALSE;
}

/* Where an entry of @day goes in @array, whose elements hold their day
 * ("YYYY-MM-DD", which sorts as text) at @day_offset: after every entry of
 * that day or earlier. */
static guint
find_insert_position (GArray     *array,
                      gsize       day_offset,
                      const char *day)
{
  guint position = array->len;

  while (position > 0)
    {
      const char *element = array->data + (gsize) (position - 1) * g_array_get_element_size (array);
      const char *other = *(const char * const *) (element + day_offset);

      if (strcmp (other, day) <= 0)
        break;
      position--;
    }

  return position;
}

static const TonicOutcomePoint *
get_point (TonicOutcomeSeries *self,
           guint               index)
{
  return &g_array_index (self->points, TonicOutcomePoint, index);
}

static double
get_score (TonicOutcomeSeries *self,
           guint               index)
{
  return g_array_index (self->scores, double, index);
}

/* "YYYY-MM-DD" as a moment to format (noon UTC: the day whatever the
 * zone), or NULL. */
static GDateTime *
parse_day (const char *day)
{
  GDate date;

  if (!tonic_date_parse_iso (day, &date))
    return NULL;

  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
}

/* "12 March", or "12 March 2025" when @day is not in @reference_day's
 * year: the dates of a summary. */
static char *
format_summary_day (const char *day,
                    const char *reference_day)
{
  g_autoptr(GDateTime) time = parse_day (day);

  if (time == NULL)
    return g_strdup (day);

  if (strncmp (day, reference_day, 4) == 0)
    {
      /* Translators: a day in the summary of an outcome chart, in the
       * latest score's year, in g_date_time_format() format, such as
       * "12 March" */
      return g_date_time_format (time, C_("outcome summary", "%-d %B"));
    }

  /* Translators: a day in the summary of an outcome chart, in another
   * year than the latest score's, in g_date_time_format() format, such as
   * "12 March 2025" */
  return g_date_time_format (time, C_("outcome summary", "%-d %B %Y"));
}

/* "12 March 2026". */
static char *
format_full_day (const char *day)
{
  g_autoptr(GDateTime) time = parse_day (day);

  if (time == NULL)
    return g_strdup (day);

  /* Translators: the day of a score on an outcome chart, in
   * g_date_time_format() format, such as "12 March 2026" */
  return g_date_time_format (time, C_("outcome point", "%-d %B %Y"));
}

/* A signed change in points with the instrument's digits: "+3", "−2.5", "0". */
static char *
format_point_change (TonicInstrument instrument,
                     double          change)
{
  g_autofree char *number = tonic_instrument_format_total (instrument, fabs (change));

  if (fabs (change) < EPSILON)
    return g_steal_pointer (&number);

  return g_strconcat (change < 0 ? "\u2212" : "+", number, NULL);
}

/* The status at the end of a summary of two or more scores. */
static char *
format_summary_status (TonicOutcomeSeries *self,
                       const char         *reference_day)
{
  guint n = self->points->len;
  g_autofree char *since = NULL;

  switch (tonic_outcome_series_get_status (self))
    {
    case TONIC_OUTCOME_UNCHANGED:
      /* Translators: the end of an outcome summary such as "PHQ-9 stayed
       * at 12 over 3 infusions: unchanged", naming the course's status in
       * lower case, as in the middle of a sentence */
      return g_strdup (C_("outcome summary", "unchanged"));

    case TONIC_OUTCOME_IMPROVING:
      /* Translators: the end of an outcome summary such as "PHQ-9 fell from
       * 21 to 15 over 3 infusions (−29 %): improving" */
      return g_strdup (C_("outcome summary", "improving"));

    case TONIC_OUTCOME_WORSE:
      /* Translators: the end of an outcome summary such as "PHQ-9 rose from 8
       * to 12 over 3 infusions (+50 %): worse" */
      return g_strdup (C_("outcome summary", "worse"));

    case TONIC_OUTCOME_RESPONSE:
      /* Translators: the end of an outcome summary such as "PHQ-9 fell from
       * 21 to 9 over 4 infusions (−57 %): response" */
      return g_strdup (C_("outcome summary", "response"));

    case TONIC_OUTCOME_SUSTAINED_RESPONSE:
      /* Translators: the end of an outcome summary such as "PHQ-9 fell from
       * 21 to 8 over 6 infusions (−62 %): sustained response" (the latest
       * two scores both meet the response rule) */
      return g_strdup (C_("outcome summary", "sustained response"));

    case TONIC_OUTCOME_REMISSION:
      break;

    case TONIC_OUTCOME_NO_BASELINE:
    case TONIC_OUTCOME_BASELINE:
    default:
      g_assert_not_reached ();
    }

  since = format_summary_day (tonic_outcome_series_get_remission_since (self), reference_day);

  if (tonic_outcome_is_response (&self->rules, get_score (self, 0), get_score (self, n - 1)))
    /* Translators: the end of an outcome summary such as "PHQ-9 fell from
     * 21 to 4 over 6 infusions (−81 %): response; remission since
     * 12 March"; %s is the day remission began */
    return g_strdup_printf (C_("outcome summary", "response; remission since %s"), since);

  /* Translators: the end of an outcome summary such as "MADRS fell from 14
   * to 10 over 2 infusions (−29 %): remission since 12 March"; %s is the
   * day remission began */
  return g_strdup_printf (C_("outcome summary", "remission since %s"), since);
}

/* -- Building ----------------------------------------------------------------------- */

TonicOutcomeSeries *
tonic_outcome_series_new (TonicInstrument          instrument,
                          const TonicOutcomeRules *rules)
{
  TonicOutcomeSeries *self;

  g_return_val_if_fail ((guint) instrument < TONIC_N_INSTRUMENTS, NULL);

  self = g_new0 (TonicOutcomeSeries, 1);
  g_ref_count_init (&self->ref_count);
  self->instrument = instrument;
  if (rules != NULL)
    self->rules = *rules;
  else
    tonic_instrument_get_default_rules (instrument, &self->rules);

  self->points = g_array_new (FALSE, TRUE, sizeof (TonicOutcomePoint));
  g_array_set_clear_func (self->points, clear_point);
  self->scores = g_array_new (FALSE, TRUE, sizeof (double));
  self->infusions = g_array_new (FALSE, TRUE, sizeof (Infusion));
  g_array_set_clear_func (self->infusions, clear_infusion);

  return self;
}

TonicOutcomeSeries *
tonic_outcome_series_new_for_course (GPtrArray               *sessions,
                                     gint64                   course_id,
                                     TonicInstrument          instrument,
                                     const TonicOutcomeRules *rules)
{
  g_autoptr(TonicOutcomeSeries) self = NULL;
  g_autoptr(GArray) course = NULL;

  g_return_val_if_fail (sessions != NULL, NULL);
  g_return_val_if_fail ((guint) instrument < TONIC_N_INSTRUMENTS, NULL);

  self = tonic_outcome_series_new (instrument, rules);

  course = g_array_new (FALSE, TRUE, sizeof (CourseSession));
  for (guint i = 0; i < sessions->len; i++)
    {
      const TonicSession *session = g_ptr_array_index (sessions, i);
      CourseSession entry = { session, NULL };

      if (session->course_id != course_id)
        continue;

      entry.day = get_session_day (session);
      if (entry.day == NULL)
        {
          /* The store always sets the creation time: only a session
           * made up elsewhere lacks one. */
          g_debug ("Session %" G_GINT64_FORMAT " has no time to place it on a chart",
                   session->id);
          continue;
        }
      g_array_append_val (course, entry);
    }

  g_array_sort (course, compare_course_sessions);

  for (guint i = 0; i < course->len; i++)
    {
      CourseSession *entry = &g_array_index (course, CourseSession, i);
      const TonicSession *session = entry->session;
      const TonicSessionScore *score;
      gboolean infusion = session->given_mg > 0;

      score = find_latest_score (session, instrument, TONIC_SCORE_TIMING_PRE);
      if (score == NULL)
        score = find_latest_score (session, instrument, TONIC_SCORE_TIMING_POST);

      if (score != NULL)
        tonic_outcome_series_add_point (self, session->id, entry->day, score->score.total,
                                        infusion, has_safety_flag (session));
      else if (infusion)
        tonic_outcome_series_add_infusion (self, session->id, entry->day);

      g_free (entry->day);
    }

  return g_steal_pointer (&self);
}

TonicOutcomeSeries *
tonic_outcome_series_ref (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
tonic_outcome_series_unref (TonicOutcomeSeries *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->points);
  g_array_unref (self->scores);
  g_array_unref (self->infusions);
  g_free (self);
}

void
tonic_outcome_series_add_point (TonicOutcomeSeries *self,
                                gint64              session_id,
                                const char         *day,
                                double              score,
                                gboolean            infusion,
                                gboolean            safety_flag)
{
  TonicOutcomePoint point;
  guint position;

  g_return_if_fail (self != NULL);
  g_return_if_fail (tonic_chart_day_number (day) != 0);

  point.session_id = session_id;
  point.day = g_strdup (day);
  point.score = score;
  point.infusion = infusion != FALSE;
  point.safety_flag = safety_flag != FALSE;

  position = find_insert_position (self->points, G_STRUCT_OFFSET (TonicOutcomePoint, day), day);
  g_array_insert_val (self->points, position, point);
  g_array_insert_val (self->scores, position, score);

  if (infusion)
    tonic_outcome_series_add_infusion (self, session_id, day);
}

void
tonic_outcome_series_add_infusion (TonicOutcomeSeries *self,
                                   gint64              session_id,
                                   const char         *day)
{
  Infusion infusion;
  guint position;

  g_return_if_fail (self != NULL);
  g_return_if_fail (tonic_chart_day_number (day) != 0);

  infusion.session_id = session_id;
  infusion.day = g_strdup (day);

  position = find_insert_position (self->infusions, G_STRUCT_OFFSET (Infusion, day), day);
  g_array_insert_val (self->infusions, position, infusion);
}

/* -- Reading ------------------------------------------------------------------------ */

TonicInstrument
tonic_outcome_series_get_instrument (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, TONIC_INSTRUMENT_PHQ9);

  return self->instrument;
}

const TonicOutcomeRules *
tonic_outcome_series_get_rules (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->rules;
}

guint
tonic_outcome_series_get_n_points (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->points->len;
}

const TonicOutcomePoint *
tonic_outcome_series_get_point (TonicOutcomeSeries *self,
                                guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  return get_point (self, index);
}

const double *
tonic_outcome_series_get_scores (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scores->len > 0 ? (const double *) self->scores->data : NULL;
}

void
tonic_outcome_series_get_value_range (TonicOutcomeSeries *self,
                                      double             *min,
                                      double             *max)
{
  g_return_if_fail (self != NULL);

  if (min != NULL)
    *min = tonic_instrument_get_min_total (self->instrument);
  if (max != NULL)
    *max = tonic_instrument_get_max_total (self->instrument);
}

TonicOutcomeStatus
tonic_outcome_series_get_status (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, TONIC_OUTCOME_NO_BASELINE);

  return tonic_outcome_get_status (&self->rules, tonic_outcome_series_get_scores (self),
                                   self->scores->len);
}

double
tonic_outcome_series_get_percent_change (TonicOutcomeSeries *self,
                                         guint               index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->points->len, 0);

  return tonic_outcome_percent_change (get_score (self, 0), get_score (self, index));
}

gboolean
tonic_outcome_series_get_response_level (TonicOutcomeSeries *self,
                                         double             *level)
{
  double baseline;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->points->len == 0)
    return FALSE;

  baseline = get_score (self, 0);

  switch (self->rules.response_rule)
    {
    case TONIC_RESPONSE_RULE_PERCENT_FALL:
      if (baseline <= 0)
        return FALSE;
      if (level != NULL)
        *level = baseline * (100 - self->rules.response) / 100;
      return TRUE;

    case TONIC_RESPONSE_RULE_POINTS_FALL:
      if (level != NULL)
        *level = baseline - self->rules.response;
      return TRUE;

    case TONIC_RESPONSE_RULE_NONE:
    default:
      return FALSE;
    }
}

gboolean
tonic_outcome_series_get_remission_level (TonicOutcomeSeries *self,
                                          double             *level)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->rules.remission_rule == TONIC_REMISSION_RULE_NONE)
    return FALSE;

  if (level != NULL)
    *level = self->rules.remission;
  return TRUE;
}

int
tonic_outcome_series_find_first_response (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 1; i < self->points->len; i++)
    if (tonic_outcome_is_response (&self->rules, get_score (self, 0), get_score (self, i)))
      return (int) i;

  return -1;
}

int
tonic_outcome_series_find_first_remission (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->points->len; i++)
    if (tonic_outcome_is_remission (&self->rules, get_score (self, i)))
      return (int) i;

  return -1;
}

const char *
tonic_outcome_series_get_remission_since (TonicOutcomeSeries *self)
{
  guint first;

  g_return_val_if_fail (self != NULL, NULL);

  first = self->points->len;
  while (first > 0 && tonic_outcome_is_remission (&self->rules, get_score (self, first - 1)))
    first--;

  if (first == self->points->len)
    return NULL;

  return get_point (self, first)->day;
}

guint
tonic_outcome_series_get_n_infusions (TonicOutcomeSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->infusions->len;
}

guint
tonic_outcome_series_count_infusions (TonicOutcomeSeries *self,
                                      guint               first,
                                      guint               last)
{
  const char *from, *to;
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (first <= last, 0);
  g_return_val_if_fail (last < self->points->len, 0);

  from = get_point (self, first)->day;
  to = get_point (self, last)->day;

  for (guint i = 0; i < self->infusions->len; i++)
    {
      const char *day = g_array_index (self->infusions, Infusion, i).day;

      if (strcmp (day, from) >= 0 && strcmp (day, to) <= 0)
        count++;
    }

  return count;
}

GArray *
tonic_outcome_series_get_booster_gaps (TonicOutcomeSeries *self,
                                       guint               max_days)
{
  GArray *gaps;

  g_return_val_if_fail (self != NULL, NULL);

  gaps = g_array_new (FALSE, TRUE, sizeof (TonicOutcomeGap));
  g_array_set_clear_func (gaps, clear_gap);

  for (guint i = 1; i < self->infusions->len; i++)
    {
      const Infusion *before = &g_array_index (self->infusions, Infusion, i - 1);
      const Infusion *after = &g_array_index (self->infusions, Infusion, i);
      guint days = tonic_chart_day_number (after->day) - tonic_chart_day_number (before->day);
      TonicOutcomeGap gap;

      if (days <= max_days)
        continue;

      gap.from_day = g_strdup (before->day);
      gap.to_day = g_strdup (after->day);
      gap.days = days;
      g_array_append_val (gaps, gap);
    }

  return gaps;
}

/* -- Texts ---------------------------------------------------------------------------- */

char *
tonic_outcome_format_percent_change (double percent)
{
  double rounded = round (percent);
  const char *sign = rounded < 0 ? "\u2212" : rounded > 0 ? "+" : "";

  /* Translators: a change from baseline in percent, such as "−71 %" or
   * "+14 %"; the first %s is the sign ("−", "+" or nothing), %d the
   * whole percent */
  return g_strdup_printf (_("%s%d %%"), sign, (int) fabs (rounded));
}

char *
tonic_outcome_series_get_summary (TonicOutcomeSeries *self)
{
  const char *label;
  const char *latest_day;
  g_autofree char *baseline_text = NULL;
  g_autofree char *latest_text = NULL;
  g_autofree char *status = NULL;
  g_autofree char *percent = NULL;
  double baseline, latest;
  guint n, infusions;

  g_return_val_if_fail (self != NULL, NULL);

  label = tonic_instrument_get_label (self->instrument);
  n = self->points->len;

  if (n == 0)
    /* Translators: the summary of an outcome chart without scores; %s is
     * a rating scale, such as "PHQ-9" */
    return g_strdup_printf (_("No %s scores in this course"), label);

  baseline = get_score (self, 0);
  baseline_text = tonic_instrument_format_total (self->instrument, baseline);
  latest_day = get_point (self, n - 1)->day;

  if (n == 1)
    {
      g_autofree char *day = format_summary_day (get_point (self, 0)->day, latest_day);

      /* Translators: the summary of an outcome chart with one score, such
       * as "PHQ-9: baseline 21 on 3 March, no later score"; %1$s is the
       * rating scale, %2$s the score, %3$s the day */
      return g_strdup_printf (_("%1$s: baseline %2$s on %3$s, no later score"),
                              label, baseline_text, day);
    }

  latest = get_score (self, n - 1);
  latest_text = tonic_instrument_format_total (self->instrument, latest);
  infusions = tonic_outcome_series_count_infusions (self, 0, n - 1);
  status = format_summary_status (self, latest_day);

  if (fabs (latest - baseline) < EPSILON)
    /* Translators: the summary of an outcome chart whose latest score is
     * the baseline, such as "PHQ-9 stayed at 12 over 3 infusions:
     * unchanged"; %1$s is the rating scale, %2$s the score, %3$u the
     * infusions from the baseline to the latest score, %4$s the status */
    return g_strdup_printf (ngettext ("%1$s stayed at %2$s over %3$u infusion: %4$s",
                                      "%1$s stayed at %2$s over %3$u infusions: %4$s",
                                      infusions),
                            label, baseline_text, infusions, status);

  if (latest > baseline && baseline == 0)
    /* Translators: the summary of an outcome chart whose scores rose from
     * a baseline of 0 (no percent), such as "PHQ-9 rose from 0 to 5 over
     * 3 infusions: worse"; %1$s is the rating scale, %2$s and %3$s the
     * baseline and latest scores, %4$u the infusions, %5$s the status */
    return g_strdup_printf (ngettext ("%1$s rose from %2$s to %3$s over %4$u infusion: %5$s",
                                      "%1$s rose from %2$s to %3$s over %4$u infusions: %5$s",
                                      infusions),
                            label, baseline_text, latest_text, infusions, status);

  percent = tonic_outcome_format_percent_change (tonic_outcome_percent_change (baseline, latest));

  if (latest > baseline)
    /* Translators: the summary of an outcome chart whose scores rose,
     * such as "PHQ-9 rose from 8 to 12 over 3 infusions (+50 %): worse";
     * %1$s is the rating scale, %2$s and %3$s the baseline and latest
     * scores, %4$u the infusions, %5$s the change, %6$s the status */
    return g_strdup_printf (ngettext ("%1$s rose from %2$s to %3$s over %4$u infusion (%5$s): %6$s",
                                      "%1$s rose from %2$s to %3$s over %4$u infusions (%5$s): %6$s",
                                      infusions),
                            label, baseline_text, latest_text, infusions, percent, status);

  /* Translators: the summary of an outcome chart whose scores fell, such
   * as "PHQ-9 fell from 21 to 6 over 6 infusions (−71 %): response";
   * %1$s is the rating scale, %2$s and %3$s the baseline and latest
   * scores, %4$u the infusions, %5$s the change, %6$s the status */
  return g_strdup_printf (ngettext ("%1$s fell from %2$s to %3$s over %4$u infusion (%5$s): %6$s",
                                    "%1$s fell from %2$s to %3$s over %4$u infusions (%5$s): %6$s",
                                    infusions),
                          label, baseline_text, latest_text, infusions, percent, status);
}

char *
tonic_outcome_series_describe_point (TonicOutcomeSeries *self,
                                     guint               index)
{
  const char *label;
  g_autofree char *score = NULL;
  g_autofree char *day = NULL;
  g_autofree char *change = NULL;
  double baseline, value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  label = tonic_instrument_get_label (self->instrument);
  value = get_score (self, index);
  score = tonic_instrument_format_total (self->instrument, value);
  day = format_full_day (get_point (self, index)->day);

  if (index == 0)
    /* Translators: a highlighted point of an outcome chart, the baseline,
     * such as "PHQ-9 21 on 3 March 2026 (baseline)"; %1$s is the rating
     * scale, %2$s the score, %3$s the day */
    return g_strdup_printf (_("%1$s %2$s on %3$s (baseline)"), label, score, day);

  baseline = get_score (self, 0);
  if (baseline == 0)
    change = format_point_change (self->instrument, value - baseline);
  else
    change = tonic_outcome_format_percent_change (tonic_outcome_percent_change (baseline, value));

  /* Translators: a highlighted point of an outcome chart, such as "PHQ-9
   * 6 on 12 March 2026 (−71 % from baseline)"; %1$s is the rating scale,
   * %2$s the score, %3$s the day, %4$s the change (in percent, or in
   * points such as "+3" when the baseline is 0) */
  return g_strdup_printf (_("%1$s %2$s on %3$s (%4$s from baseline)"), label, score, day, change);
}
