/* ops_query.c - operations of the query-protocol services: STS, EC2,
 * SNS, CloudFormation and ELBv2 (see ops.h).
 *
 * (CloudWatch, which liftoff calls in JSON 1.0, is in ops_json.c.)
 * Query answers wrap the result in <OperationResult>; lists are
 * <member> elements (EC2: <item>, under its own lowercase names); maps
 * are <entry><key/><value/></entry>.  Inputs are form pairs, lists as
 * Name.member.N (EC2: Name.N). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/ops.h"
#include "core/i18n.h"

#define GROW(arr, n) \
	((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)), \
	 memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

void aws_strlist_free(struct aws_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void aws_kvlist_free(struct aws_kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].value);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const char *aws_kvlist_get(const struct aws_kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->v[i].key, key))
			return l->v[i].value;
	return NULL;
}

/* Items of a list element: <member>s, or EC2's <item>s. */
static xmlNode *first_item(const xmlNode *list)
{
	xmlNode *m = aws_xml_child(list, "member");
	return m ? m : aws_xml_child(list, "item");
}

static xmlNode *next_item(const xmlNode *item)
{
	return aws_xml_next(item, (const char *)item->name);
}

#define FOR_ITEMS(it, list) for (xmlNode *it = first_item(list); it; it = next_item(it))

static void xml_strlist(const xmlNode *list, struct aws_strlist *out)
{
	FOR_ITEMS(it, list) {
		char **slot = GROW(out->v, out->n);
		*slot = aws_xml_text(it, NULL);
	}
}

static void xml_kvlist(const xmlNode *list, const char *kname, const char *vname,
		       struct aws_kvlist *out)
{
	FOR_ITEMS(it, list) {
		struct aws_kv *kv = GROW(out->v, out->n);
		kv->key = aws_xml_text(it, kname);
		kv->value = aws_xml_text(it, vname);
	}
}

static void xml_map(const xmlNode *map, struct aws_kvlist *out)
{
	for (xmlNode *e = aws_xml_child(map, "entry"); e; e = aws_xml_next(e, "entry")) {
		struct aws_kv *kv = GROW(out->v, out->n);
		kv->key = aws_xml_text(e, "key");
		kv->value = aws_xml_text(e, "value");
	}
}

static void form_list(strbuf *form, const char *name, const char *const *v, size_t n, bool ec2)
{
	for (size_t i = 0; i < n; i++) {
		char *key = ec2 ? xasprintf("%s.%zu", name, i + 1)
				: xasprintf("%s.member.%zu", name, i + 1);
		aws_form_add(form, key, v[i]);
		free(key);
	}
}

static int run(aws_client *c, const char *service, const char *op, const char *form,
	       const char *token_in, const char *token_out, struct aws_response *r,
	       struct aws_error *detail, lo_error *err)
{
	struct aws_request req = {
		.service = service, .operation = op, .form = form,
		.input_token = token_in, .output_token = token_out,
	};
	return aws_call_sync(c, &req, r, detail, err);
}

static int parse_failed(lo_error *err, const char *op)
{
	lo_error_set(err, LO_EXIT_ENV, NULL, _("%s: the answer lacks the expected fields"), op);
	return LO_EXIT_ENV;
}

/* ---- STS ---- */

void sts_identity_free(struct sts_identity *x)
{
	free(x->account);
	free(x->arn);
	free(x->user_id);
	memset(x, 0, sizeof *x);
}

void sts_get_caller_identity_request(struct aws_request *req)
{
	memset(req, 0, sizeof *req);
	req->service = "sts";
	req->operation = "GetCallerIdentity";
}

int sts_get_caller_identity_parse(const struct aws_response *r, struct sts_identity *out)
{
	memset(out, 0, sizeof *out);
	xmlNode *res = r->npages ? aws_page_result(&r->pages[0], "GetCallerIdentity") : NULL;
	out->account = aws_xml_text(res, "Account");
	out->arn = aws_xml_text(res, "Arn");
	out->user_id = aws_xml_text(res, "UserId");
	return out->account && out->arn ? LO_EXIT_OK : LO_EXIT_ENV;
}

int sts_get_caller_identity(aws_client *c, struct sts_identity *out, AWS_OUT)
{
	struct aws_request req;
	struct aws_response r;
	memset(out, 0, sizeof *out);
	sts_get_caller_identity_request(&req);
	int rc = aws_call_sync(c, &req, &r, detail, err);
	if (rc == LO_EXIT_OK && sts_get_caller_identity_parse(&r, out) != LO_EXIT_OK)
		rc = parse_failed(err, "GetCallerIdentity");
	aws_response_free(&r);
	return rc;
}

void sts_assumed_free(struct sts_assumed *x)
{
	aws_credentials_free(&x->credentials);
	free(x->assumed_role_arn);
	free(x->assumed_role_id);
	memset(x, 0, sizeof *x);
}

static time_t parse_iso8601(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!s || !strptime(s, "%Y-%m-%dT%H:%M:%S", &tm))
		return 0;
	return timegm(&tm);
}

static void assume_form(const struct sts_assume_request *in, strbuf *form)
{
	aws_form_add(form, "RoleArn", in->role_arn);
	aws_form_add(form, "RoleSessionName", in->role_session_name);
	if (in->duration_seconds > 0)
		aws_form_addf(form, "DurationSeconds", "%d", in->duration_seconds);
	if (in->web_identity) {
		aws_form_add(form, "WebIdentityToken", secret_reveal(in->web_identity_token));
		return;
	}
	if (in->external_id)
		aws_form_add(form, "ExternalId", in->external_id);
	if (in->mfa_serial)
		aws_form_add(form, "SerialNumber", in->mfa_serial);
	if (in->mfa_code)
		aws_form_add(form, "TokenCode", in->mfa_code);
}

int sts_assume_role(aws_client *c, const struct sts_assume_request *in, struct sts_assumed *out,
		    AWS_OUT)
{
	memset(out, 0, sizeof *out);
	const char *op = in->web_identity ? "AssumeRoleWithWebIdentity" : "AssumeRole";
	strbuf form = STRBUF_INIT;
	assume_form(in, &form);
	struct aws_request req = {
		.service = "sts", .operation = op, .form = sb_str(&form), .region = in->region,
		.credentials = in->web_identity ? NULL : in->source,
		.unsigned_request = in->web_identity,
		.scrub = in->web_identity ? in->web_identity_token : NULL,
	};
	struct aws_response r;
	int rc = aws_call_sync(c, &req, &r, detail, err);
	secret_wipe(form.buf, form.len);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	xmlNode *res = aws_page_result(&r.pages[0], op);
	xmlNode *cr = aws_xml_child(res, "Credentials");
	out->credentials.access_key_id = aws_xml_text(cr, "AccessKeyId");
	char *secret = aws_xml_text(cr, "SecretAccessKey"), *token = aws_xml_text(cr, "SessionToken");
	char *exp = aws_xml_text(cr, "Expiration");
	out->credentials.secret_access_key = secret_from_str(secret);
	out->credentials.session_token = secret_from_str(token);
	out->credentials.expiration = parse_iso8601(exp);
	out->credentials.source = xstrdup(in->web_identity ? "web-identity" : "assume-role");
	out->assumed_role_arn = aws_xml_text(res, "AssumedRoleUser/Arn");
	out->assumed_role_id = aws_xml_text(res, "AssumedRoleUser/AssumedRoleId");
	if (secret)
		secret_wipe(secret, strlen(secret));
	if (token)
		secret_wipe(token, strlen(token));
	free(secret);
	free(token);
	free(exp);
	aws_response_free(&r);
	if (!out->credentials.access_key_id || secret_is_empty(out->credentials.secret_access_key)) {
		sts_assumed_free(out);
		return parse_failed(err, op);
	}
	return LO_EXIT_OK;
}


int aws_sts_assume(void *ctx, const struct sts_assume_request *req, aws_credentials *out,
		   lo_error *err)
{
	aws_client *child = aws_client_child(ctx);
	struct sts_assume_request r = *req;
	if (!r.region)
		r.region = aws_client_region(ctx) ? aws_client_region(ctx) : "us-east-1";
	struct sts_assumed a;
	int rc = sts_assume_role(child, &r, &a, NULL, err);
	aws_client_free(child);
	memset(out, 0, sizeof *out);
	if (rc == LO_EXIT_OK) {
		*out = a.credentials;
		memset(&a.credentials, 0, sizeof a.credentials);
		sts_assumed_free(&a);
	}
	return rc;
}

/* ---- EC2 ---- */

void ec2_addresses_free(struct ec2_addresses *x)
{
	for (size_t i = 0; i < x->n; i++) {
		struct ec2_address *a = &x->v[i];
		free(a->public_ip);
		free(a->allocation_id);
		free(a->association_id);
		free(a->domain);
		free(a->instance_id);
		free(a->network_interface_id);
		free(a->private_ip);
		free(a->network_border_group);
		aws_kvlist_free(&a->tags);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

int ec2_describe_addresses(aws_client *c, struct ec2_addresses *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	int rc = run(c, "ec2", "DescribeAddresses", NULL, NULL, NULL, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	xmlNode *set = aws_xml_child(aws_page_result(&r.pages[0], "DescribeAddresses"), "addressesSet");
	FOR_ITEMS(it, set) {
		struct ec2_address *a = GROW(out->v, out->n);
		a->public_ip = aws_xml_text(it, "publicIp");
		a->allocation_id = aws_xml_text(it, "allocationId");
		a->association_id = aws_xml_text(it, "associationId");
		a->domain = aws_xml_text(it, "domain");
		a->instance_id = aws_xml_text(it, "instanceId");
		a->network_interface_id = aws_xml_text(it, "networkInterfaceId");
		a->private_ip = aws_xml_text(it, "privateIpAddress");
		a->network_border_group = aws_xml_text(it, "networkBorderGroup");
		xml_kvlist(aws_xml_child(it, "tagSet"), "key", "value", &a->tags);
	}
	aws_response_free(&r);
	return LO_EXIT_OK;
}

void ec2_regions_free(struct ec2_regions *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].name);
		free(x->v[i].endpoint);
		free(x->v[i].opt_in_status);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

int ec2_describe_regions(aws_client *c, bool all_regions, struct ec2_regions *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	int rc = run(c, "ec2", "DescribeRegions", all_regions ? "&AllRegions=true" : NULL, NULL,
		     NULL, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	xmlNode *set = aws_xml_child(aws_page_result(&r.pages[0], "DescribeRegions"), "regionInfo");
	FOR_ITEMS(it, set) {
		struct ec2_region *g = GROW(out->v, out->n);
		g->name = aws_xml_text(it, "regionName");
		g->endpoint = aws_xml_text(it, "regionEndpoint");
		g->opt_in_status = aws_xml_text(it, "optInStatus");
	}
	aws_response_free(&r);
	return LO_EXIT_OK;
}

/* ---- SNS ---- */

int sns_get_topic_attributes(aws_client *c, const char *topic_arn, struct aws_kvlist *out,
			     AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	aws_form_add(&form, "TopicArn", topic_arn);
	struct aws_response r;
	int rc = run(c, "sns", "GetTopicAttributes", sb_str(&form), NULL, NULL, &r, detail, err);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	xml_map(aws_xml_child(aws_page_result(&r.pages[0], "GetTopicAttributes"), "Attributes"), out);
	aws_response_free(&r);
	return LO_EXIT_OK;
}

/* ---- CloudFormation ---- */

static void cfn_stack_free(struct cfn_stack *s)
{
	free(s->stack_id);
	free(s->stack_name);
	free(s->status);
	free(s->status_reason);
	free(s->creation_time);
	free(s->last_updated_time);
	free(s->deletion_time);
	free(s->description);
	free(s->role_arn);
	aws_kvlist_free(&s->parameters);
	aws_kvlist_free(&s->outputs);
	aws_kvlist_free(&s->tags);
	aws_strlist_free(&s->capabilities);
}

void cfn_stacks_free(struct cfn_stacks *x)
{
	for (size_t i = 0; i < x->n; i++)
		cfn_stack_free(&x->v[i]);
	free(x->v);
	memset(x, 0, sizeof *x);
}

void cfn_describe_stacks_request(struct aws_request *req, const char *stack_name, strbuf *form)
{
	memset(req, 0, sizeof *req);
	if (stack_name)
		aws_form_add(form, "StackName", stack_name);
	req->service = "cloudformation";
	req->operation = "DescribeStacks";
	req->form = sb_str(form);
	req->input_token = req->output_token = "NextToken";
}

static void read_stack(const xmlNode *it, struct cfn_stack *s)
{
	s->stack_id = aws_xml_text(it, "StackId");
	s->stack_name = aws_xml_text(it, "StackName");
	s->status = aws_xml_text(it, "StackStatus");
	s->status_reason = aws_xml_text(it, "StackStatusReason");
	s->creation_time = aws_xml_text(it, "CreationTime");
	s->last_updated_time = aws_xml_text(it, "LastUpdatedTime");
	s->deletion_time = aws_xml_text(it, "DeletionTime");
	s->description = aws_xml_text(it, "Description");
	if (!s->description)
		s->description = aws_xml_text(it, "TemplateDescription");
	s->role_arn = aws_xml_text(it, "RoleARN");
	s->termination_protection = aws_xml_bool(it, "EnableTerminationProtection");
	xml_kvlist(aws_xml_child(it, "Parameters"), "ParameterKey", "ParameterValue", &s->parameters);
	xml_kvlist(aws_xml_child(it, "Outputs"), "OutputKey", "OutputValue", &s->outputs);
	xml_kvlist(aws_xml_child(it, "Tags"), "Key", "Value", &s->tags);
	xml_strlist(aws_xml_child(it, "Capabilities"), &s->capabilities);
}

static int read_stacks(const struct aws_response *r, const char *op, const char *list,
		       struct cfn_stacks *out)
{
	memset(out, 0, sizeof *out);
	for (size_t p = 0; p < r->npages; p++)
		FOR_ITEMS(it, aws_xml_child(aws_page_result(&r->pages[p], op), list))
			read_stack(it, GROW(out->v, out->n));
	return LO_EXIT_OK;
}

int cfn_describe_stacks_parse(const struct aws_response *r, struct cfn_stacks *out)
{
	return read_stacks(r, "DescribeStacks", "Stacks", out);
}

int cfn_describe_stacks(aws_client *c, const char *stack_name, struct cfn_stacks *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	struct aws_request req;
	cfn_describe_stacks_request(&req, stack_name, &form);
	struct aws_response r;
	int rc = aws_call_sync(c, &req, &r, detail, err);
	sb_free(&form);
	if (rc == LO_EXIT_OK)
		cfn_describe_stacks_parse(&r, out);
	aws_response_free(&r);
	return rc;
}

int cfn_list_stacks(aws_client *c, const char *const *filters, size_t nfilters,
		    struct cfn_stacks *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	form_list(&form, "StackStatusFilter", filters, nfilters, false);
	struct aws_response r;
	int rc = run(c, "cloudformation", "ListStacks", sb_str(&form), "NextToken", "NextToken",
		     &r, detail, err);
	sb_free(&form);
	if (rc == LO_EXIT_OK)
		read_stacks(&r, "ListStacks", "StackSummaries", out);
	aws_response_free(&r);
	return rc;
}

void cfn_events_free(struct cfn_events *x)
{
	for (size_t i = 0; i < x->n; i++) {
		struct cfn_event *e = &x->v[i];
		free(e->event_id);
		free(e->stack_name);
		free(e->logical_id);
		free(e->physical_id);
		free(e->resource_type);
		free(e->timestamp);
		free(e->status);
		free(e->status_reason);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

int cfn_describe_stack_events(aws_client *c, const char *stack_name, int max_pages,
			      struct cfn_events *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	aws_form_add(&form, "StackName", stack_name);
	struct aws_request req = {
		.service = "cloudformation", .operation = "DescribeStackEvents",
		.form = sb_str(&form), .input_token = "NextToken", .output_token = "NextToken",
		.max_pages = max_pages,
	};
	struct aws_response r;
	int rc = aws_call_sync(c, &req, &r, detail, err);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	for (size_t p = 0; p < r.npages; p++) {
		xmlNode *list = aws_xml_child(aws_page_result(&r.pages[p], "DescribeStackEvents"),
					      "StackEvents");
		FOR_ITEMS(it, list) {
			struct cfn_event *e = GROW(out->v, out->n);
			e->event_id = aws_xml_text(it, "EventId");
			e->stack_name = aws_xml_text(it, "StackName");
			e->logical_id = aws_xml_text(it, "LogicalResourceId");
			e->physical_id = aws_xml_text(it, "PhysicalResourceId");
			e->resource_type = aws_xml_text(it, "ResourceType");
			e->timestamp = aws_xml_text(it, "Timestamp");
			e->status = aws_xml_text(it, "ResourceStatus");
			e->status_reason = aws_xml_text(it, "ResourceStatusReason");
		}
	}
	aws_response_free(&r);
	return LO_EXIT_OK;
}

void cfn_resource_free(struct cfn_resource *x)
{
	free(x->logical_id);
	free(x->physical_id);
	free(x->resource_type);
	free(x->status);
	free(x->status_reason);
	free(x->last_updated);
	memset(x, 0, sizeof *x);
}

void cfn_resources_free(struct cfn_resources *x)
{
	for (size_t i = 0; i < x->n; i++)
		cfn_resource_free(&x->v[i]);
	free(x->v);
	memset(x, 0, sizeof *x);
}

static void read_resource(const xmlNode *it, struct cfn_resource *r)
{
	r->logical_id = aws_xml_text(it, "LogicalResourceId");
	r->physical_id = aws_xml_text(it, "PhysicalResourceId");
	r->resource_type = aws_xml_text(it, "ResourceType");
	r->status = aws_xml_text(it, "ResourceStatus");
	r->status_reason = aws_xml_text(it, "ResourceStatusReason");
	r->last_updated = aws_xml_text(it, "LastUpdatedTimestamp");
}

int cfn_list_stack_resources(aws_client *c, const char *stack_name, struct cfn_resources *out,
			     AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	aws_form_add(&form, "StackName", stack_name);
	struct aws_response r;
	int rc = run(c, "cloudformation", "ListStackResources", sb_str(&form), "NextToken",
		     "NextToken", &r, detail, err);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	for (size_t p = 0; p < r.npages; p++)
		FOR_ITEMS(it, aws_xml_child(aws_page_result(&r.pages[p], "ListStackResources"),
					    "StackResourceSummaries"))
			read_resource(it, GROW(out->v, out->n));
	aws_response_free(&r);
	return LO_EXIT_OK;
}

int cfn_describe_stack_resource(aws_client *c, const char *stack_name, const char *logical_id,
				struct cfn_resource *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	aws_form_add(&form, "StackName", stack_name);
	aws_form_add(&form, "LogicalResourceId", logical_id);
	struct aws_response r;
	int rc = run(c, "cloudformation", "DescribeStackResource", sb_str(&form), NULL, NULL, &r,
		     detail, err);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	xmlNode *d = aws_xml_child(aws_page_result(&r.pages[0], "DescribeStackResource"),
				   "StackResourceDetail");
	if (d)
		read_resource(d, out);
	aws_response_free(&r);
	return d ? LO_EXIT_OK : parse_failed(err, "DescribeStackResource");
}

void cfn_template_summary_free(struct cfn_template_summary *x)
{
	for (size_t i = 0; i < x->nparams; i++) {
		free(x->params[i].key);
		free(x->params[i].default_value);
		free(x->params[i].type);
		free(x->params[i].description);
	}
	free(x->params);
	free(x->description);
	free(x->version);
	aws_strlist_free(&x->capabilities);
	aws_strlist_free(&x->resource_types);
	memset(x, 0, sizeof *x);
}

int cfn_get_template_summary(aws_client *c, const char *template_body, const char *template_url,
			     const char *stack_name, struct cfn_template_summary *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	if (template_body)
		aws_form_add(&form, "TemplateBody", template_body);
	if (template_url)
		aws_form_add(&form, "TemplateURL", template_url);
	if (stack_name)
		aws_form_add(&form, "StackName", stack_name);
	struct aws_response r;
	int rc = run(c, "cloudformation", "GetTemplateSummary", sb_str(&form), NULL, NULL, &r,
		     detail, err);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	xmlNode *res = aws_page_result(&r.pages[0], "GetTemplateSummary");
	out->description = aws_xml_text(res, "Description");
	out->version = aws_xml_text(res, "Version");
	FOR_ITEMS(it, aws_xml_child(res, "Parameters")) {
		struct cfn_template_param *p = GROW(out->params, out->nparams);
		p->key = aws_xml_text(it, "ParameterKey");
		p->default_value = aws_xml_text(it, "DefaultValue");
		p->type = aws_xml_text(it, "ParameterType");
		p->description = aws_xml_text(it, "Description");
		p->no_echo = aws_xml_bool(it, "NoEcho");
	}
	xml_strlist(aws_xml_child(res, "Capabilities"), &out->capabilities);
	xml_strlist(aws_xml_child(res, "ResourceTypes"), &out->resource_types);
	aws_response_free(&r);
	return LO_EXIT_OK;
}

/* ---- ELBv2 ---- */

void elb_lbs_free(struct elb_lbs *x)
{
	for (size_t i = 0; i < x->n; i++) {
		struct elb_lb *l = &x->v[i];
		free(l->arn);
		free(l->name);
		free(l->dns_name);
		free(l->scheme);
		free(l->type);
		free(l->state);
		free(l->vpc_id);
		free(l->hosted_zone_id);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

int elb_describe_load_balancers(aws_client *c, const char *const *names, size_t nnames,
				struct elb_lbs *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	strbuf form = STRBUF_INIT;
	form_list(&form, "Names", names, nnames, false);
	struct aws_response r;
	int rc = run(c, "elbv2", "DescribeLoadBalancers", sb_str(&form), "Marker", "NextMarker",
		     &r, detail, err);
	sb_free(&form);
	if (rc != LO_EXIT_OK)
		return rc;
	for (size_t p = 0; p < r.npages; p++) {
		FOR_ITEMS(it, aws_xml_child(aws_page_result(&r.pages[p], "DescribeLoadBalancers"),
					    "LoadBalancers")) {
			struct elb_lb *l = GROW(out->v, out->n);
			l->arn = aws_xml_text(it, "LoadBalancerArn");
			l->name = aws_xml_text(it, "LoadBalancerName");
			l->dns_name = aws_xml_text(it, "DNSName");
			l->scheme = aws_xml_text(it, "Scheme");
			l->type = aws_xml_text(it, "Type");
			l->state = aws_xml_text(it, "State/Code");
			l->vpc_id = aws_xml_text(it, "VpcId");
			l->hosted_zone_id = aws_xml_text(it, "CanonicalHostedZoneId");
		}
	}
	aws_response_free(&r);
	return LO_EXIT_OK;
}
