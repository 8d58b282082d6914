## src/aws/local.mk - the AWS client: signing, endpoints, HTTP on the
## event loop, retries, protocols and operations.  The credential chain
## has its own fragment, src/aws/creds.mk.

libliftoff_a_SOURCES += \
	%D%/credentials.c %D%/credentials.h
