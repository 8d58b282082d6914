/* test-creds-http.c - placeholder, replaced below. */
#include "config.h"
#include "tap.h"
int main(void)
{
	return done_testing();
}
