<?cs ##################################################################
# page_end.cs: the end of a public page (layout.cs page_end()), for a
# handler that writes its page in parts (the services page).
#
?><?cs include:"layout.cs" ?><?cs call:page_end() ?>
