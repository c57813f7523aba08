/*
 * The console's overview: orders per day and per provider, and the
 * orders providers have not fetched or acknowledged in time.
 */
#include "err.h"
#include "handlers.h"
#include "http.h"

int
h_admin_home(struct request *r)
{
	return admin_render(r, "admin/home.cs", "home");
}
