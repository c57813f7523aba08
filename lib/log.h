/*
 * Logging to syslog or stderr. Callers must never pass personal data
 * (names, personnummer, e-mail, phone, addresses typed by a resident):
 * log references, ids and error codes only.
 */
#ifndef TJG_LOG_H
#define TJG_LOG_H

#include <syslog.h>

enum log_target { LOG_TO_STDERR, LOG_TO_SYSLOG };

/* ident is the program name; level is a syslog priority (LOG_INFO, ...). */
void	log_open(const char *ident, enum log_target, int level);
void	log_close(void);
void	log_msg(int prio, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
