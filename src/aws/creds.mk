## src/aws/creds.mk - the credential chain (see credentials.h).
