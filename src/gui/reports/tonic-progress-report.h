/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>

#include "tonic-patient.h"
#include "tonic-plan.h"
#include "tonic-session.h"

G_BEGIN_DECLS

/* The progress report a referring clinician receives (CLINICAL.md,
 * "Charts"): the practice, the patient's identification, a summary of the
 * course with each measure's status and summary, one outcome chart per
 * measure (a line in words for a measure without scores), the signed
 * sessions as a table (date, number, dose, route, each scored measure,
 * C-SSRS when screened, side effects — cut to a few lines), adverse events
 * and safety flags with their acknowledgements (and the side effects the
 * table cut, in full), the current plan, and a signature line. Every page
 * has a footer with the patient's name, MRN, date of birth and "Page n of
 * m".
 *
 * The report is made from data already loaded and draws on the main
 * thread; nothing here reads the store or audits: the caller audits
 * "report.export" or "report.print" when write_pdf or print succeed.
 *
 * Layout works in points (1/72 inch). Blocks — headings, paragraphs,
 * charts, table rows — are measured before anything is drawn and placed
 * on pages so that no chart and no table row is ever cut by a page break;
 * the table's header row is repeated at the top of every page the table
 * continues on. Only a long paragraph (over a third of a page) is broken,
 * and then between lines, a couple of them at least on each page; a
 * heading stays with what follows it. The same layout draws the PDF and
 * the printed pages. */

#define TONIC_TYPE_PROGRESS_REPORT (tonic_progress_report_get_type ())
G_DECLARE_FINAL_TYPE (TonicProgressReport, tonic_progress_report, TONIC, PROGRESS_REPORT, GObject)

/* Paper sizes of the PDF, in points. */
typedef enum
{
  TONIC_REPORT_PAPER_A4,       /* 595.276 × 841.890 */
  TONIC_REPORT_PAPER_LETTER,   /* 612 × 792 */
} TonicReportPaper;

/* What a laid-out block is, for tests and callers that check the layout. */
typedef enum
{
  TONIC_REPORT_BLOCK_TITLE,          /* practice name, report title, date */
  TONIC_REPORT_BLOCK_HEADING,        /* a section heading */
  TONIC_REPORT_BLOCK_TEXT,           /* a paragraph, a list item, key/value lines */
  TONIC_REPORT_BLOCK_CHART,          /* one measure's chart with its caption */
  TONIC_REPORT_BLOCK_TABLE_HEADER,   /* the sessions table's header row */
  TONIC_REPORT_BLOCK_TABLE_ROW,      /* one session of the table */
  TONIC_REPORT_BLOCK_SIGNATURE,      /* the signature line */
} TonicReportBlockKind;

/**
 * TonicReportBlock:
 * @kind: what the block is
 * @page: the page it is drawn on, from 0
 * @rect: where, in points from the page's top left corner
 * @session_id: for a TABLE_ROW, the session it shows; else 0
 *
 * One placed block of the layout. A paragraph broken across pages is
 * several TEXT blocks; a repeated table header is one TABLE_HEADER block
 * per page.
 */
typedef struct
{
  TonicReportBlockKind kind;
  guint                page;
  cairo_rectangle_t    rect;
  gint64               session_id;
} TonicReportBlock;

/**
 * tonic_progress_report_new:
 * @practice_name: the practice's name, for the header
 * @patient: the patient
 * @plan: the course's current signed plan (copied); its course_id picks
 *   the sessions that belong to the report
 * @sessions: (element-type TonicSession): the patient's sessions, read
 *   whole, in any order (as tonic_store_list_sessions_finish() gives
 *   them); those of other courses and drafts are left out. The report keeps
 *   a reference to the array: do not change it afterwards.
 * @series: (element-type TonicOutcomeSeries) (nullable): one outcome series
 *   per measure to chart and tabulate, in the order to show them (the
 *   array is referenced). NULL: one per outcome measure of @plan, built
 *   from @sessions with the instrument's default rules.
 * @signer_name: the clinician who signs the report (the signed-in member)
 * @created: when the report is made (its local date is printed)
 *
 * Makes a report. It is laid out on first use (A4 or Letter, as the
 * locale's default paper: gtk_paper_size_get_default()).
 */
TonicProgressReport *tonic_progress_report_new           (const char       *practice_name,
                                                          TonicPatient     *patient,
                                                          const TonicPlan  *plan,
                                                          GPtrArray        *sessions,
                                                          GPtrArray        *series,
                                                          const char       *signer_name,
                                                          GDateTime        *created);

/* The paper write_pdf() uses. Setting it lays the report out again. */
TonicReportPaper     tonic_progress_report_get_paper     (TonicProgressReport *self);
void                 tonic_progress_report_set_paper     (TonicProgressReport *self,
                                                          TonicReportPaper     paper);

/* "progress-report-<MRN>-<YYYY-MM-DD>.pdf": a name for the file chooser
 * that names no one (an MRN, the report's date). (g_free()) */
char                *tonic_progress_report_dup_file_name (TonicProgressReport *self);
/* The translated document title ("Treatment Progress Report"), used as the
 * PDF's title and the print job's name. */
const char          *tonic_progress_report_get_title     (TonicProgressReport *self);

/* -- Layout ------------------------------------------------------------------- */

/* Lays the report out on pages of @width × @height points (a paper size;
 * the margins are the report's own) and returns the number of pages, at
 * least 1. write_pdf() and printing call it; tests call it to look at the
 * result. */
guint                tonic_progress_report_layout        (TonicProgressReport *self,
                                                          double               width,
                                                          double               height);
/* Of the last layout: the page count, the page size, the area between the
 * margins that blocks are placed in (the footer lies below it), and the
 * blocks in reading order. */
guint                tonic_progress_report_get_n_pages   (TonicProgressReport *self);
void                 tonic_progress_report_get_page_size (TonicProgressReport *self,
                                                          double              *width,
                                                          double              *height);
void                 tonic_progress_report_get_content_area (TonicProgressReport *self,
                                                             cairo_rectangle_t   *area);
guint                tonic_progress_report_get_n_blocks  (TonicProgressReport *self);
const TonicReportBlock *tonic_progress_report_get_block  (TonicProgressReport *self,
                                                          guint                index);

/* Draws page @page (from 0) of the last layout onto @cr, whose user space
 * is points from the page's top left corner. */
void                 tonic_progress_report_draw_page     (TonicProgressReport *self,
                                                          cairo_t             *cr,
                                                          guint                page);

/* -- Output --------------------------------------------------------------------- */

/* Writes the report as a PDF on the set paper to @file (replaced when it
 * exists; created readable by its owner alone: it holds patient data). On
 * failure nothing is left at @file and @error says why (G_IO_ERROR). */
gboolean             tonic_progress_report_write_pdf     (TonicProgressReport  *self,
                                                          GFile                *file,
                                                          GError              **error);

/* Prints the report with GtkPrintOperation, showing the print dialog
 * (modal for @parent). The pages are laid out for the paper chosen there.
 * finish returns TRUE once the job was handed to the printer (or written
 * by "Print to File"); FALSE with G_IO_ERROR_CANCELLED when the person
 * cancelled the dialog or @cancellable was cancelled, or with another
 * error when printing failed. */
void                 tonic_progress_report_print_async   (TonicProgressReport  *self,
                                                          GtkWindow            *parent,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             tonic_progress_report_print_finish  (TonicProgressReport  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* For tests: the print operation print_async() runs, set up (job name,
 * points, full page, the set paper) and connected: "begin-print" lays the
 * report out for the chosen paper and sets the page count, "draw-page"
 * draws that page. Run it with GTK_PRINT_OPERATION_ACTION_EXPORT to print
 * into a PDF without a dialog. */
GtkPrintOperation   *_tonic_progress_report_new_print_operation (TonicProgressReport *self);

G_END_DECLS
