/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tonic-store-patients-private.h"

/* The practice overview (tonic-store-outcomes.h): outcomes by indication,
 * computed on the worker from two ordered scans — the courses with their
 * current signed plan, then every session with its scores — merged in C
 * by course id. No query per patient or per course. */

G_DEFINE_BOXED_TYPE (TonicOverviewRow, tonic_overview_row, tonic_overview_row_copy,
                     tonic_overview_row_free)

/* One course, as the scans find it. */
typedef struct
{
  gint64            id;
  TonicIndication   indications;  /* of its current signed plan */
  int               primary;      /* the plan's primary measure, or -1 */
  TonicOutcomeRules rules;        /* the primary measure's */
  gboolean          active;       /* not ended, patient not archived */

  /* Folded in session by session, in the course's order. */
  gboolean          has_baseline;
  double            baseline;
  guint             n_later;      /* scores after the baseline */
  guint             n_infusions;  /* given in the sessions so far */
  gboolean          response;
  guint             infusions_to_response;
  gboolean          remission;
} Course;

/* The primary-measure scores of one session and whether it gave a dose. */
typedef struct
{
  gboolean infusion;
  gboolean has_pre;
  double   pre;
  gboolean has_post;
  double   post;
} SessionTally;

typedef struct
{
  TonicStore *store;
  gint64      actor_id;
  GPtrArray  *rows;   /* the result */
} OverviewTxn;

/* -- The row type ------------------------------------------------------------ */

TonicOverviewRow *
tonic_overview_row_copy (const TonicOverviewRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  return g_memdup2 (row, sizeof *row);
}

void
tonic_overview_row_free (TonicOverviewRow *row)
{
  g_free (row);
}

gboolean
tonic_overview_row_get_response_share (const TonicOverviewRow *row,
                                       double                 *share)
{
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (share != NULL, FALSE);

  if (row->n_evaluated == 0)
    return FALSE;

  *share = (double) row->n_response / row->n_evaluated;
  return TRUE;
}

gboolean
tonic_overview_row_get_remission_share (const TonicOverviewRow *row,
                                        double                 *share)
{
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (share != NULL, FALSE);

  if (row->n_remission_evaluated == 0)
    return FALSE;

  *share = (double) row->n_remission / row->n_remission_evaluated;
  return TRUE;
}

/* -- Reading ------------------------------------------------------------------- */

static int
compare_course_id (const void *key,
                   const void *item)
{
  gint64 id = *(const gint64 *) key;
  const Course *course = item;

  return id < course->id ? -1 : id > course->id ? 1 : 0;
}

static Course *
find_course (GArray *courses,
             gint64  id)
{
  return bsearch (&id, courses->data, courses->len, sizeof (Course), compare_course_id);
}

/* Every course with a signed plan, by id, from its newest signed version
 * (SQLite takes the bare columns of a MAX() query from the row that has
 * the maximum). */
static gboolean
read_courses (sqlite3  *db,
              GArray   *courses,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db,
                               "SELECT p.course_id, MAX(p.version), p.indications, p.measures,"
                               "  c.ended_at IS NULL AND pt.archived = 0"
                               " FROM plan p"
                               " JOIN course c ON c.id = p.course_id"
                               " JOIN patient pt ON pt.id = c.patient_id"
                               " WHERE p.status = 'signed'"
                               " GROUP BY p.course_id"
                               " ORDER BY p.course_id",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Course course = { 0 };
      TonicInstrumentSet measures = 0;

      course.id = sqlite3_column_int64 (stmt, 0);
      /* Ids a newer Tonic added are left out, as when a plan is read. */
      tonic_indication_parse_mask ((const char *) sqlite3_column_text (stmt, 2),
                                   &course.indications);
      tonic_instrument_parse_set ((const char *) sqlite3_column_text (stmt, 3), &measures);
      course.active = sqlite3_column_int (stmt, 4) != 0;
      course.primary = tonic_instrument_set_get_primary (measures);
      if (course.primary >= 0)
        tonic_instrument_get_default_rules ((TonicInstrument) course.primary, &course.rules);

      g_array_append_val (courses, course);
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the courses of treatment"));
      return FALSE;
    }

  return TRUE;
}

/* Folds one session into its course: its score (pre-dose first) against
 * the baseline, then its dose. */
static void
add_session (Course             *course,
             const SessionTally *tally)
{
  gboolean has_score = tally->has_pre || tally->has_post;
  double score = tally->has_pre ? tally->pre : tally->post;

  if (has_score && !course->has_baseline)
    {
      course->has_baseline = TRUE;
      course->baseline = score;
    }
  else if (has_score)
    {
      course->n_later++;

      if (!course->response &&
          tonic_outcome_is_response (&course->rules, course->baseline, score))
        {
          course->response = TRUE;
          /* A post-dose score comes after that session's own dose. */
          course->infusions_to_response = course->n_infusions +
                                          (!tally->has_pre && tally->infusion ? 1 : 0);
        }

      if (tonic_outcome_is_remission (&course->rules, score))
        course->remission = TRUE;
    }

  if (tally->infusion)
    course->n_infusions++;
}

/* Every session of every course in the course's order, with the scores of
 * its course's primary measure. */
static gboolean
read_sessions (sqlite3  *db,
               GArray   *courses,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Course *course = NULL;
  gint64 course_id = 0;
  gint64 session_id = 0;
  const char *primary_id = NULL;
  SessionTally tally = { 0 };
  int rc;

  stmt = _tonic_store_prepare (db,
                               "SELECT s.course_id, s.id, s.given_mg > 0,"
                               "  sc.instrument, sc.timing, sc.total"
                               " FROM session s"
                               " LEFT JOIN session_score sc ON sc.session_id = s.id"
                               " ORDER BY s.course_id, s.number",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_course = sqlite3_column_int64 (stmt, 0);
      gint64 row_session = sqlite3_column_int64 (stmt, 1);
      const char *instrument;
      TonicScoreTiming timing;

      if (row_session != session_id)
        {
          if (course != NULL)
            add_session (course, &tally);

          if (row_course != course_id)
            {
              course_id = row_course;
              course = find_course (courses, course_id);
              primary_id = course != NULL && course->primary >= 0
                             ? tonic_instrument_to_string ((TonicInstrument) course->primary)
                             : NULL;
            }

          session_id = row_session;
          memset (&tally, 0, sizeof tally);
          tally.infusion = sqlite3_column_int (stmt, 2) != 0;
        }

      instrument = (const char *) sqlite3_column_text (stmt, 3);
      if (primary_id == NULL || g_strcmp0 (instrument, primary_id) != 0 ||
          !tonic_score_timing_from_string ((const char *) sqlite3_column_text (stmt, 4), &timing))
        continue;

      if (timing == TONIC_SCORE_TIMING_PRE)
        {
          tally.has_pre = TRUE;
          tally.pre = sqlite3_column_double (stmt, 5);
        }
      else
        {
          tally.has_post = TRUE;
          tally.post = sqlite3_column_double (stmt, 5);
        }
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the sessions"));
      return FALSE;
    }

  if (course != NULL)
    add_session (course, &tally);

  return TRUE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return 0;

  g_array_sort (values, compare_uint);
  if (n % 2 == 1)
    return g_array_index (values, guint, n / 2);

  return (g_array_index (values, guint, n / 2 - 1) + g_array_index (values, guint, n / 2)) / 2.0;
}

/* The rows, one per indication that any course counts under. */
static GPtrArray *
summarize (GArray *courses)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) infusions = g_array_new (FALSE, FALSE, sizeof (guint));

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_overview_row_free);

  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      TonicIndication indication = tonic_indication_nth (i);
      g_autoptr(TonicOverviewRow) row = g_new0 (TonicOverviewRow, 1);

      row->indication = indication;
      g_array_set_size (infusions, 0);

      for (guint c = 0; c < courses->len; c++)
        {
          const Course *course = &g_array_index (courses, Course, c);

          if ((course->indications & indication) == 0)
            continue;

          row->n_courses++;
          if (course->active)
            row->n_active++;
          if (!course->has_baseline || course->n_later == 0)
            continue;

          row->n_evaluated++;
          if (course->response)
            {
              row->n_response++;
              g_array_append_val (infusions, course->infusions_to_response);
            }
          if (course->rules.remission_rule != TONIC_REMISSION_RULE_NONE)
            {
              row->n_remission_evaluated++;
              if (course->remission)
                row->n_remission++;
            }
        }

      row->median_infusions_to_response = median (infusions);
      if (row->n_courses > 0)
        g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&rows);
}

/* Read in the transaction that records the reading, so that the trail and
 * the numbers agree. */
static gboolean
get_overview_txn (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  OverviewTxn *txn = data;
  g_autoptr(GArray) courses = g_array_new (FALSE, FALSE, sizeof (Course));

  if (!read_courses (db, courses, error) ||
      !read_sessions (db, courses, error))
    return FALSE;

  g_clear_pointer (&txn->rows, g_ptr_array_unref);
  txn->rows = summarize (courses);

  return _tonic_store_append_audit (txn->store, db, txn->actor_id,
                                    tonic_action_to_string (TONIC_ACTION_OVERVIEW_VIEW), 0, NULL,
                                    NULL, TONIC_AUDIT_OK, NULL, FALSE, error);
}

static void
get_overview_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  OverviewTxn txn = { self, 0, NULL };

  if (!_tonic_store_require (self, db, TONIC_ACTION_OVERVIEW_VIEW, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = access.actor_id;

  if (!_tonic_store_transaction (db, get_overview_txn, &txn, &error))
    {
      g_clear_pointer (&txn.rows, g_ptr_array_unref);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.rows, (GDestroyNotify) g_ptr_array_unref);
}

/* -- Public API ------------------------------------------------------------------ */

void
tonic_store_get_overview_async (TonicStore          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, get_overview_job, NULL, NULL, tonic_store_get_overview_async,
                          cancellable, callback, user_data);
}

GPtrArray *
tonic_store_get_overview_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_get_overview_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
