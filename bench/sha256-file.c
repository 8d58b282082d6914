/* sha256-file.c - prints the SHA-256 of a file the way liftoff computes
 * it (release_sha256_file), for bench/bench-sha256.sh to time against
 * sha256sum.  Not installed. */
#include "config.h"

#include <stdio.h>

#include "release/release.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: sha256-file FILE\n", stderr);
		return 2;
	}
	char hex[RELEASE_SHA256_HEX];
	lo_error err = LO_ERROR_INIT;
	if (!release_sha256_file(argv[1], NULL, NULL, hex, &err)) {
		fprintf(stderr, "sha256-file: %s\n", err.message);
		lo_error_clear(&err);
		return 4;
	}
	printf("%s  %s\n", hex, argv[1]);
	return 0;
}
