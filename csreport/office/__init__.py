"""Commands for the office: the drop folder (``watch``) and the blank templates (``template``)."""
