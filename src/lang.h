/* The language of what a person reads: report, workbook and terminal. */
#ifndef LS_LANG_H
#define LS_LANG_H

enum report_lang { LANG_NL, LANG_EN };

#endif
