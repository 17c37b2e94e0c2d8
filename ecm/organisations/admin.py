from django.contrib import admin

from ecm.organisations.models import Membership, PartnerAgency, Service, Team

admin.site.register(Service)
admin.site.register(Team)
admin.site.register(PartnerAgency)
admin.site.register(Membership)
