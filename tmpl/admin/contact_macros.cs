<?cs ##################################################################
# admin/contact_macros.cs: what admin/contacts.cs and admin/contact.cs
# share. Include after admin/layout.cs.
#
#   contact_role(r)      the name of a contact.role value
#   contact_owner(c)     c.owner, marked when it is the network itself
#   contact_state(c)     a flagged contact (with its day of removal) or a
#                        due one, as a badge whose word says it all
#   who(u)               a console user's name, or "removed user"
#   or_none(v)           v, or a dash when it is empty
?><?cs def:contact_role(r) ?><?cs if:r == "admin" ?><?cs var:L.admin.contacts.role.admin ?><?cs
elif:r == "technical" ?><?cs var:L.admin.contacts.role.technical ?><?cs
elif:r == "orders" ?><?cs var:L.admin.contacts.role.orders ?><?cs
elif:r == "billing" ?><?cs var:L.admin.contacts.role.billing ?><?cs
elif:r == "privacy" ?><?cs var:L.admin.contacts.role.privacy ?><?cs
elif:r == "other" ?><?cs var:L.admin.contacts.role.other ?><?cs
else ?><?cs var:r ?><?cs /if ?><?cs /def ?><?cs

def:contact_owner(c) ?><?cs var:c.owner ?><?cs if:c.owner_kind == "network" ?> <?cs var:L.admin.contacts.network_suffix ?><?cs /if ?><?cs /def ?><?cs

def:contact_state(c) ?><?cs if:string.length(c.flagged_at) ?><span class="badge badge-bad flagged"><?cs var:L.admin.contacts.due.flagged ?></span> <?cs var:L.admin.contacts.due.purge_on ?> <?cs var:c.purge_on ?><?cs elif:c.due == "1" ?><span class="badge badge-warn"><?cs var:L.admin.contacts.due.overdue ?></span><?cs /if ?><?cs /def ?><?cs

def:who(u) ?><?cs if:string.length(u) ?><?cs var:u ?><?cs else ?><?cs var:L.admin.contacts.user_gone ?><?cs /if ?><?cs /def ?><?cs

def:or_none(v) ?><?cs if:string.length(v) ?><?cs var:v ?><?cs else ?><?cs var:L.admin.contacts.none ?><?cs /if ?><?cs /def ?>
