class NoticeError(Exception):
    """A file that cannot be read as a notice at all; the message is meant for a person."""
