"""What the offline stand-ins share: serving HTTP on a thread, and running until stopped.

Like the stand-ins it imports nothing of the Hub (not even Django), so each stand-in stays a
client of its contract only; the stand-ins still import nothing of each other.
"""
