<?cs ##################################################################
# admin/catalog_form.cs: form macros of the provider, service and field
# pages, beside those of admin/layout.cs (include that first). Every
# value comes from Form.v.NAME and every message from Form.errors.NAME.
#
#   described(name, hint)   aria-invalid / aria-describedby of a field;
#                           hint non-empty when NAME-hint exists.
#   in_field(name, label, hint, type, maxlen, im)
#                           a labelled input (type text, email, url, tel,
#                           date); im is its inputmode or "".
#   area_field(name, label, hint, maxlen, rows)
#                           a labelled textarea.
#   check_field(name, label, hint)
#                           a checkbox with its label after it.
#   hint_p(name, hint)      the hint paragraph NAME-hint, if any.
?><?cs def:described(name, hint) ?><?cs
if:string.length(Form.errors[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:string.length(hint) ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs
elif:string.length(hint) ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?><?cs /def ?><?cs

def:hint_p(name, hint) ?><?cs if:string.length(hint) ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
<?cs /if ?><?cs /def ?><?cs

def:in_field(name, label, hint, type, maxlen, im) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs call:hint_p(name, hint) ?><?cs call:field_error(name) ?><input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form.v[name] ?>" maxlength="<?cs var:maxlen ?>"<?cs if:string.length(im) ?> inputmode="<?cs var:im ?>"<?cs /if ?><?cs call:described(name, hint) ?>>
</div>
<?cs /def ?><?cs

def:area_field(name, label, hint, maxlen, rows) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs call:hint_p(name, hint) ?><?cs call:field_error(name) ?><textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>" maxlength="<?cs var:maxlen ?>"<?cs call:described(name, hint) ?>><?cs var:Form.v[name] ?></textarea>
</div>
<?cs /def ?><?cs

def:check_field(name, label, hint) ?><?cs call:field_error(name) ?><div class="field-check">
<input type="checkbox" id="<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:string.length(Form.v[name]) ?> checked<?cs /if ?><?cs call:described(name, hint) ?>>
<label for="<?cs var:name ?>"><?cs var:label ?></label>
</div>
<?cs call:hint_p(name, hint) ?><?cs /def ?>
